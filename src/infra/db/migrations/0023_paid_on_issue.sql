-- Whether a document was settled on issue (#14, InvoiceXpress item 2), a fact of each document instead of its type.
-- NOTE: CIVA art. 40.º (portugal.md §5.6) — a fatura simplificada is not necessarily paid when it is issued; a
-- fatura-recibo is. A simplified invoice issued unpaid opens its whole amount, which receipts then settle.
-- A draft holds NULL (its type's default: FR and FS paid, the native API's documented default) or what its input
-- said; finalize writes the resolved value, which the guard of 0002 (to_jsonb of the row less its mutable columns)
-- then keeps, like every other column not listed as mutable there. Readers take NULL as the type's default.
ALTER TABLE documents ADD COLUMN settled_on_issue boolean;

-- Every finalized or cancelled document so far: FR and FS were settled on issue, the others not. The row guard
-- refuses any change to a finalized document's columns, so it is off for this one statement of the migration's
-- transaction.
ALTER TABLE documents DISABLE TRIGGER documents_guard;
UPDATE documents SET settled_on_issue = (doc_type IN ('FR', 'FS')) WHERE status <> 'draft';
ALTER TABLE documents ENABLE TRIGGER documents_guard;
