-- The guard of 0002 on document lines and settlements, unchanged in what it refuses, reading the parent's id as a
-- column instead of through to_jsonb of the whole row (it runs for every line written).
CREATE FUNCTION document_lines_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  r document_lines;
BEGIN
  r := CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
  IF EXISTS (SELECT 1 FROM documents d WHERE d.account_id = r.account_id AND d.id = r.document_id AND d.status <> 'draft') THEN
    RAISE EXCEPTION 'document_lines of document % cannot change: the document is finalized', r.document_id USING ERRCODE = 'FA001';
  END IF;
  RETURN r;
END $$;

CREATE FUNCTION settlements_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  r settlements;
BEGIN
  r := CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
  IF EXISTS (SELECT 1 FROM documents d WHERE d.account_id = r.account_id AND d.id = r.receipt_id AND d.status <> 'draft') THEN
    RAISE EXCEPTION 'settlements of document % cannot change: the document is finalized', r.receipt_id USING ERRCODE = 'FA001';
  END IF;
  RETURN r;
END $$;

DROP TRIGGER document_lines_guard ON document_lines;
CREATE TRIGGER document_lines_guard BEFORE INSERT OR UPDATE OR DELETE ON document_lines
  FOR EACH ROW EXECUTE FUNCTION document_lines_guard();
DROP TRIGGER settlements_guard ON settlements;
CREATE TRIGGER settlements_guard BEFORE INSERT OR UPDATE OR DELETE ON settlements
  FOR EACH ROW EXECUTE FUNCTION settlements_guard();
DROP FUNCTION document_children_guard();
