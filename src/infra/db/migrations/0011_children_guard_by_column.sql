-- The guard of 0002 on document lines and settlements, unchanged in what it refuses, reading the parent's id as a
-- column instead of through to_jsonb of the whole row (it runs for every line written). The triggers stay.
CREATE OR REPLACE FUNCTION document_children_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  r record;
  doc_id bigint;
BEGIN
  IF TG_OP = 'DELETE' THEN r := OLD; ELSE r := NEW; END IF;
  -- Each branch is parsed only for the table that reaches it.
  IF TG_TABLE_NAME = 'settlements' THEN doc_id := r.receipt_id; ELSE doc_id := r.document_id; END IF;
  IF EXISTS (SELECT 1 FROM documents d WHERE d.account_id = r.account_id AND d.id = doc_id AND d.status <> 'draft') THEN
    RAISE EXCEPTION '% of document % cannot change: the document is finalized', TG_TABLE_NAME, doc_id USING ERRCODE = 'FA001';
  END IF;
  RETURN r;
END $$;
