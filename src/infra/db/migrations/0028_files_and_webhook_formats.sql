-- Files and uploaded documents for the Billit dialect (#17), and webhook endpoints that deliver in a vendor's format.

-- Stored files: order attachments, a caller's own order PDF, uploaded documents. Billit names a file by a GUID
-- (FileID), so the key is a uuid. A file is immutable once written (its bytes are what was signed or sent).
CREATE TABLE stored_files (
  id         uuid PRIMARY KEY,
  account_id bigint NOT NULL REFERENCES accounts(id),
  file_name  text NOT NULL,
  mime_type  text NOT NULL,
  bytes      bytea NOT NULL,
  sha256     text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (account_id, id)
);
CREATE TRIGGER stored_files_immutable BEFORE UPDATE ON stored_files
  FOR EACH ROW EXECUTE FUNCTION append_only_guard();

-- Billit's /v1/documents: a file the company uploads with a name, a date and tags (not an invoice).
CREATE TABLE uploaded_documents (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id    bigint NOT NULL REFERENCES accounts(id),
  name          text NOT NULL,
  description   text,
  document_date date,
  tags          jsonb NOT NULL DEFAULT '[]',
  file_id       uuid,
  created_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (account_id, id),
  FOREIGN KEY (account_id, file_id) REFERENCES stored_files (account_id, id)
);
CREATE INDEX uploaded_documents_recent ON uploaded_documents (account_id, id DESC);

-- The body and signature format an endpoint receives: Faturador's own, or Billit's (Billit-Signature, the
-- {UpdatedEntityID, UpdatedEntityType, WebhookUpdateTypeTC, EntityDetail} body). A vendor endpoint keeps the
-- vendor's subscription as given (Billit: EntityType Order|Message, EntityUpdateType I|U|D); `events` holds the
-- core events it maps to, so emission and fan-out stay as they are.
ALTER TABLE webhook_endpoints ADD COLUMN format text NOT NULL DEFAULT 'native' CHECK (format IN ('native', 'billit'));
ALTER TABLE webhook_endpoints ADD COLUMN vendor_entity_type text;
ALTER TABLE webhook_endpoints ADD COLUMN vendor_update_type text;
ALTER TABLE webhook_endpoints ADD COLUMN created_by bigint;
