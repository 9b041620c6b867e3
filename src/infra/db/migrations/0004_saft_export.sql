-- SAF-T export: lookups the streamed exporter makes per batch, so that a batch costs the same whatever the
-- size of the account. Product descriptions are resolved by line code; the "faturado" status of guides and
-- working documents by the documents that carried their lines.
CREATE INDEX document_lines_code ON document_lines (account_id, code, id);
CREATE INDEX document_lines_origin_document ON document_lines (account_id, origin_document_id) WHERE origin_document_id IS NOT NULL;
