-- Sessions of the web console (#19). The browser holds a random token in an httpOnly cookie; only its sha256 is
-- stored, so a read of this table cannot be replayed as a session. A session signed in with an API key keeps the
-- key's id: revoking the key ends the session. Expiry is both idle (last_seen_at) and absolute (expires_at).
CREATE TABLE console_sessions (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  token_hash    text NOT NULL UNIQUE,
  account_id    bigint NOT NULL REFERENCES accounts(id),
  user_id       bigint NOT NULL REFERENCES users(id),
  api_key_id    bigint REFERENCES api_keys(id),
  created_at    timestamptz NOT NULL DEFAULT now(),
  last_seen_at  timestamptz NOT NULL DEFAULT now(),
  expires_at    timestamptz NOT NULL,
  revoked_at    timestamptz
);

CREATE INDEX console_sessions_user ON console_sessions (user_id) WHERE revoked_at IS NULL;
