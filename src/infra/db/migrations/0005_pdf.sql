-- PDF rendering: the account's logo, and the cache of rendered document files.

-- The logo lives beside the account rather than in it: `accounts` is read with selectAll on every
-- document create, and a logo of up to 1 MB has no business travelling with those reads.
CREATE TABLE account_logos (
  account_id   bigint PRIMARY KEY REFERENCES accounts(id),
  content_type text NOT NULL CHECK (content_type IN ('image/png','image/jpeg')),
  bytes        bytea NOT NULL CHECK (octet_length(bytes) BETWEEN 1 AND 1048576),
  sha256       text NOT NULL,
  width        integer NOT NULL CHECK (width > 0),
  height       integer NOT NULL CHECK (height > 0),
  updated_at   timestamptz NOT NULL DEFAULT now()
);

-- Rendered files of finalized documents, without copy mark (the mark is stamped per download).
-- source_hash identifies the exact render input: a row whose hash differs from the document's current
-- input (cancelled since, paid since, AT code received since, new renderer version) is re-rendered.
CREATE TABLE document_files (
  account_id   bigint NOT NULL,
  document_id  bigint NOT NULL,
  kind         text NOT NULL CHECK (kind IN ('pdf')),
  source_hash  text NOT NULL,
  bytes        bytea NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (account_id, document_id, kind),
  FOREIGN KEY (account_id, document_id) REFERENCES documents (account_id, id) ON DELETE CASCADE
);
