-- The MagniFinance dialect (#18): a document's ExternalId (MagniFinance's idempotency: a create with an ExternalId
-- the account already used is refused as DocumentIsADuplicate). The row is written in the transaction that writes
-- the document, so two concurrent creates with one ExternalId leave exactly one document. A deleted draft frees its
-- ExternalId (cascade): the document it named no longer exists.
CREATE TABLE magnifinance_external_ids (
  account_id  bigint NOT NULL REFERENCES accounts(id),
  external_id text NOT NULL CHECK (length(external_id) BETWEEN 1 AND 50),
  document_id bigint NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (account_id, external_id)
);
CREATE INDEX magnifinance_external_ids_document ON magnifinance_external_ids (document_id);
