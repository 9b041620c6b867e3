-- SAF-T files generated in the background (APIs that answer "202, come back later" and then give a link):
-- one row per account and period, regenerated when the period's documents change.
CREATE TABLE saft_files (
  account_id     bigint NOT NULL REFERENCES accounts(id),
  id             bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  period_from    date NOT NULL,
  period_to      date NOT NULL,
  status         text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','ready')),
  -- The state of the period's documents the stored file reflects (see saftFingerprint).
  fingerprint    text,
  -- The public link's credential (48 hex characters), as documents.download_token.
  download_token text NOT NULL,
  file_name      text,
  bytes          bytea,
  requested_at   timestamptz NOT NULL DEFAULT now(),
  generated_at   timestamptz,
  PRIMARY KEY (account_id, id),
  UNIQUE (account_id, period_from, period_to)
);
