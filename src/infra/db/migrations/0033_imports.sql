-- Bulk invoicing from a spreadsheet (#19): an uploaded file, validated whole, then worked by an outbox job that
-- issues its documents group by group. A file is known by its sha256 per account: the same file again answers the
-- import that exists instead of issuing it twice.
CREATE TABLE imports (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id   bigint NOT NULL REFERENCES accounts(id),
  sha256       text NOT NULL,
  file_name    text NOT NULL,
  status       text NOT NULL DEFAULT 'issuing' CHECK (status IN ('issuing', 'done')),
  send_email   boolean NOT NULL DEFAULT false,
  row_count    integer NOT NULL,
  -- The rows refused at validation (issued with issueValid): [{row, column, reason}].
  errors       jsonb NOT NULL DEFAULT '[]',
  created_at   timestamptz NOT NULL DEFAULT now(),
  started_at   timestamptz,
  finished_at  timestamptz,
  UNIQUE (account_id, sha256)
);

-- One document to issue: the rows of one document key. document_id is set in the transaction that issues the
-- document, so a group is issued once whatever restarts; error is a refusal at issue time.
CREATE TABLE import_groups (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  import_id    bigint NOT NULL REFERENCES imports(id),
  account_id   bigint NOT NULL REFERENCES accounts(id),
  position     integer NOT NULL,
  group_key    text NOT NULL,
  first_row    integer NOT NULL,
  input        jsonb NOT NULL,
  total        numeric(19, 2) NOT NULL,
  document_id  bigint REFERENCES documents(id),
  error        text,
  issued_at    timestamptz,
  UNIQUE (import_id, group_key)
);
CREATE INDEX import_groups_pending ON import_groups (import_id, position) WHERE document_id IS NULL AND error IS NULL;
