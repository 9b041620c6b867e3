-- AT (Autoridade Tributária) communication: per-account settings, series registrations and the communication log.

-- One row per account. The sub-user password is sealed with AES-256-GCM (key from FATURADOR_SECRET_KEY, see
-- docs/at-communication.md); it is never stored or returned in clear.
CREATE TABLE at_settings (
  account_id        bigint PRIMARY KEY REFERENCES accounts(id),
  environment       text NOT NULL DEFAULT 'test' CHECK (environment IN ('test','production')),
  username          text CHECK (username ~ '^[0-9]{9}/[0-9]{1,10}$'),
  password_sealed   text,
  transport_enabled boolean NOT NULL DEFAULT false,
  invoices_enabled  boolean NOT NULL DEFAULT false,
  updated_at        timestamptz NOT NULL DEFAULT now()
);

-- What AT knows about each (series, document type) registered through SeriesWS, per AT environment
-- (validation codes of the test environment mean nothing in production). The code itself lives in
-- series_doc_types.validation_code, which finalize reads.
CREATE TABLE at_series_registrations (
  account_id      bigint NOT NULL,
  series_id       bigint NOT NULL,
  doc_type        text NOT NULL,
  environment     text NOT NULL CHECK (environment IN ('test','production')),
  validation_code text NOT NULL,
  first_number    integer CHECK (first_number > 0),
  state           text NOT NULL DEFAULT 'A' CHECK (state IN ('A','F','N')),
  registered_at   timestamptz NOT NULL DEFAULT now(),
  state_at        timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (account_id, series_id, doc_type, environment),
  FOREIGN KEY (account_id, series_id) REFERENCES series (account_id, id) ON DELETE CASCADE
);

-- Every call to AT (and every decision not to call), appended: what was sent (never credentials), AT's answer.
CREATE TABLE at_communications (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id     bigint NOT NULL REFERENCES accounts(id),
  document_id    bigint,
  series_id      bigint,
  service        text NOT NULL CHECK (service IN ('series','transport','invoices')),
  operation      text NOT NULL,
  environment    text NOT NULL CHECK (environment IN ('test','production')),
  status         text NOT NULL CHECK (status IN ('success','retryable','permanent','skipped')),
  return_code    text,
  return_message text,
  at_code        text,
  http_status    integer,
  request        jsonb,
  response       jsonb,
  job_id         bigint,
  attempt        integer,
  duration_ms    integer,
  started_at     timestamptz NOT NULL,
  finished_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (account_id, id),
  FOREIGN KEY (account_id, document_id) REFERENCES documents (account_id, id)
);
CREATE INDEX at_communications_recent ON at_communications (account_id, started_at DESC, id DESC);
CREATE INDEX at_communications_document ON at_communications (account_id, document_id, id DESC) WHERE document_id IS NOT NULL;

CREATE TRIGGER at_communications_append_only BEFORE UPDATE OR DELETE ON at_communications
  FOR EACH ROW EXECUTE FUNCTION append_only_guard();
