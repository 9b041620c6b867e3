-- The original outside the system (#14 item 2): a credit or debit note line may name the invoice it corrects by
-- its number alone (an invoice issued before the migration to Faturador), with its date and the reason when known.
-- SAF-T writes it as the line's References/Reference and Reason (P302 4.1.4.19.10 — the number is the one printed
-- on the original). A number that names a document of the account is stored as that document (origin_document_id)
-- instead. The lines of a finalized document stay immutable: the row guard of 0011/0012 refuses any UPDATE of
-- them, whatever the column.
ALTER TABLE document_lines ADD COLUMN external_reference text
  CHECK (external_reference IS NULL OR length(external_reference) BETWEEN 1 AND 60);
ALTER TABLE document_lines ADD COLUMN external_reference_date date;
ALTER TABLE document_lines ADD COLUMN external_reference_reason text
  CHECK (external_reference_reason IS NULL OR length(external_reference_reason) <= 50);
