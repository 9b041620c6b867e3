-- NOTE: D8632 §1.11 — no change to fiscally relevant data after signing. Enforced in the database too,
-- so that no code path (or direct SQL) can alter a finalized document. SQLSTATE FA001 marks these refusals.

CREATE FUNCTION documents_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  mutable text[] := ARRAY['status','status_date','cancel_reason','open_balance','paid','at_code',
                          'printed_count','state_id','internal_note','updated_at'];
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.status <> 'draft' THEN
      RAISE EXCEPTION 'document % is not a draft and cannot be deleted', OLD.id USING ERRCODE = 'FA001';
    END IF;
    RETURN OLD;
  END IF;
  IF OLD.status = 'draft' THEN
    RETURN NEW;
  END IF;
  IF NEW.status <> OLD.status AND NOT (OLD.status = 'final' AND NEW.status = 'cancelled') THEN
    RAISE EXCEPTION 'document % cannot go from % to %', OLD.id, OLD.status, NEW.status USING ERRCODE = 'FA001';
  END IF;
  IF (to_jsonb(NEW) - mutable) IS DISTINCT FROM (to_jsonb(OLD) - mutable) THEN
    RAISE EXCEPTION 'document % is finalized: its fiscal data cannot change', OLD.id USING ERRCODE = 'FA001';
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER documents_guard BEFORE UPDATE OR DELETE ON documents
  FOR EACH ROW EXECUTE FUNCTION documents_guard();

CREATE FUNCTION document_children_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  doc_id bigint;
  acc_id bigint;
  doc_status text;
BEGIN
  IF TG_OP = 'DELETE' THEN
    acc_id := OLD.account_id;
    doc_id := (to_jsonb(OLD) ->> TG_ARGV[0])::bigint;
  ELSE
    acc_id := NEW.account_id;
    doc_id := (to_jsonb(NEW) ->> TG_ARGV[0])::bigint;
  END IF;
  SELECT status INTO doc_status FROM documents WHERE account_id = acc_id AND id = doc_id;
  IF doc_status IS NOT NULL AND doc_status <> 'draft' THEN
    RAISE EXCEPTION '% of document % cannot change: the document is finalized', TG_TABLE_NAME, doc_id USING ERRCODE = 'FA001';
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER document_lines_guard BEFORE INSERT OR UPDATE OR DELETE ON document_lines
  FOR EACH ROW EXECUTE FUNCTION document_children_guard('document_id');
CREATE TRIGGER settlements_guard BEFORE INSERT OR UPDATE OR DELETE ON settlements
  FOR EACH ROW EXECUTE FUNCTION document_children_guard('receipt_id');

-- Stock movements are history: appended, never rewritten.
CREATE FUNCTION append_only_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'FA001';
END $$;
CREATE TRIGGER stock_movements_append_only BEFORE UPDATE OR DELETE ON stock_movements
  FOR EACH ROW EXECUTE FUNCTION append_only_guard();

-- A used series can never be deleted (D8632 §1.9: discontinued series are blocked, never deleted).
CREATE FUNCTION series_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM documents d WHERE d.account_id = OLD.account_id AND d.series_id = OLD.id) THEN
    RAISE EXCEPTION 'series % has been used and cannot be deleted', OLD.code USING ERRCODE = 'FA001';
  END IF;
  RETURN OLD;
END $$;
CREATE TRIGGER series_guard BEFORE DELETE ON series FOR EACH ROW EXECUTE FUNCTION series_guard();
