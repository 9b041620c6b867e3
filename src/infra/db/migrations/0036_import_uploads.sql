-- The console's uploads between their preview and the "Issue" click (#19), in the database rather than one process's
-- memory: behind a load balancer the click may land on another process, and a restart must not lose them. Found by
-- the sha256 of a random token (the URL's), and only by the console session that uploaded it. The checked preview is
-- kept as `json` (its text as written: totals are Decimal strings) so issuing does not check the file again.
-- Once issued, the row stays until it expires as a marker of its import (its bytes and check dropped): a second
-- click, or the back button, leads to that import instead of issuing the file again.
-- Bytes keep the default storage: a CSV compresses well (an .xlsx is already deflated, but small beside its CSV).
CREATE TABLE import_uploads (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  token_hash   text NOT NULL UNIQUE,
  account_id   bigint NOT NULL REFERENCES accounts(id),
  session_id   bigint NOT NULL REFERENCES console_sessions(id) ON DELETE CASCADE,
  file_name    text NOT NULL CHECK (length(file_name) <= 255),
  -- The console's upload cap (MAX_UPLOAD_BYTES, 32 MiB).
  bytes        bytea NOT NULL CHECK (octet_length(bytes) <= 33554432),
  sha256       text NOT NULL,
  issue_valid  boolean NOT NULL,
  send_email   boolean NOT NULL,
  mapping      jsonb NOT NULL DEFAULT '{}',
  headers      jsonb NOT NULL DEFAULT '[]',
  preview      json,
  import_id    bigint REFERENCES imports(id),
  created_at   timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL
);

CREATE INDEX import_uploads_session ON import_uploads (session_id, id);
CREATE INDEX import_uploads_expiry ON import_uploads (expires_at);
