-- NOTE: D8632 §1.11, §1.6, §1.9 — closing the direct-SQL paths around the guards of 0002 (issue #12, item 1):
-- rows moved off (not only onto) a finalized document, TRUNCATE, counters moved by hand, series renamed after use,
-- documents inserted already final, the copy counter reset, and cached PDF bytes swapped between documents.
-- FA001 still marks a refused change to a document and its children; FA003 marks one to the other legal records
-- (counters, series, signing keys, cached files, TRUNCATE).

-- Lines and settlements: the parent the row leaves (OLD) is checked as well as the one it lands on (NEW), so an
-- UPDATE that moves a line off a finalized document (document_id, or account_id) is refused like one that edits it.
CREATE OR REPLACE FUNCTION document_children_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  old_acc bigint;
  old_doc bigint;
  new_acc bigint;
  new_doc bigint;
BEGIN
  -- Each branch is parsed only for the table that reaches it.
  IF TG_OP <> 'INSERT' THEN
    old_acc := OLD.account_id;
    IF TG_TABLE_NAME = 'settlements' THEN old_doc := OLD.receipt_id; ELSE old_doc := OLD.document_id; END IF;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    new_acc := NEW.account_id;
    IF TG_TABLE_NAME = 'settlements' THEN new_doc := NEW.receipt_id; ELSE new_doc := NEW.document_id; END IF;
  END IF;
  IF EXISTS (SELECT 1 FROM documents d WHERE d.status <> 'draft'
              AND ((d.account_id = old_acc AND d.id = old_doc) OR (d.account_id = new_acc AND d.id = new_doc))) THEN
    RAISE EXCEPTION '% of document % cannot change: the document is finalized', TG_TABLE_NAME, coalesce(old_doc, new_doc)
      USING ERRCODE = 'FA001';
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END $$;

-- A document is born a draft: only finalize gives it a number, a signature and a final status.
CREATE FUNCTION documents_born_draft() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'a document is inserted as a draft and finalized afterwards, not inserted %', NEW.status
    USING ERRCODE = 'FA001';
END $$;
CREATE TRIGGER documents_born_draft BEFORE INSERT ON documents
  FOR EACH ROW WHEN (NEW.status <> 'draft') EXECUTE FUNCTION documents_born_draft();

-- NOTE: D8632 §2.2.15 — only the first print is the original: the print counter never goes back.
CREATE FUNCTION documents_printed_count_monotonic() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'document % printed_count cannot go from % down to %', OLD.id, OLD.printed_count, NEW.printed_count
    USING ERRCODE = 'FA001';
END $$;
CREATE TRIGGER documents_printed_count_monotonic BEFORE UPDATE ON documents
  FOR EACH ROW WHEN (NEW.printed_count < OLD.printed_count) EXECUTE FUNCTION documents_printed_count_monotonic();

-- NOTE: D8632 §1.6 — numbers never gap or repeat per series and type. A finalized document must follow the one
-- numbered before it, and its (series, type) counter must have reached its number. Checked at commit (deferred):
-- finalize moves the counter and the document in separate statements, in either order.
CREATE FUNCTION documents_numbered_in_sequence() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.number > 1 AND NOT EXISTS (
    SELECT 1 FROM documents d WHERE d.account_id = NEW.account_id AND d.series_id = NEW.series_id
       AND d.doc_type = NEW.doc_type AND d.number = NEW.number - 1) THEN
    RAISE EXCEPTION 'document % is numbered % but % has no number % before it', NEW.id, NEW.number, NEW.doc_type,
      NEW.number - 1 USING ERRCODE = 'FA001';
  END IF;
  IF NOT EXISTS (
    SELECT 1 FROM series_doc_types c WHERE c.account_id = NEW.account_id AND c.series_id = NEW.series_id
       AND c.doc_type = NEW.doc_type AND c.last_number >= NEW.number) THEN
    RAISE EXCEPTION 'document % is numbered % but the counter of its series did not reach it', NEW.id, NEW.number
      USING ERRCODE = 'FA001';
  END IF;
  RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER documents_numbered_in_sequence AFTER UPDATE ON documents
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (OLD.status = 'draft' AND NEW.status <> 'draft')
  EXECUTE FUNCTION documents_numbered_in_sequence();

-- Counters (series_doc_types): last_number and last_hash are the state of the numbered documents, moved only by
-- issuing. Never down, never deleted or re-keyed once used (immediate); and at commit (deferred, so that the
-- batched issue path, which writes many documents and then the counters, and finalize, which moves the counter
-- first, both pass) last_number is the highest number of the (series, type) and last_hash the signature of its
-- last signed document. With the per-document check above, the counter can move only one per finalized document.
CREATE FUNCTION series_doc_types_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.last_number > 0 THEN
      RAISE EXCEPTION 'the counter of series % type % has issued documents and cannot be deleted', OLD.series_id,
        OLD.doc_type USING ERRCODE = 'FA003';
    END IF;
    RETURN OLD;
  END IF;
  IF NEW.last_number < OLD.last_number THEN
    RAISE EXCEPTION 'the counter of series % type % cannot go back from % to %', OLD.series_id, OLD.doc_type,
      OLD.last_number, NEW.last_number USING ERRCODE = 'FA003';
  END IF;
  IF OLD.last_number > 0 AND (NEW.account_id, NEW.series_id, NEW.doc_type) IS DISTINCT FROM
                             (OLD.account_id, OLD.series_id, OLD.doc_type) THEN
    RAISE EXCEPTION 'the counter of series % type % has issued documents and cannot be moved', OLD.series_id,
      OLD.doc_type USING ERRCODE = 'FA003';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER series_doc_types_guard BEFORE UPDATE OR DELETE ON series_doc_types
  FOR EACH ROW EXECUTE FUNCTION series_doc_types_guard();

CREATE FUNCTION series_doc_types_match_documents() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  c record;
  top integer;
  top_hash text;
BEGIN
  -- The row as it is now: several statements of the transaction may have queued this check with older values.
  SELECT * INTO c FROM series_doc_types t
   WHERE t.account_id = NEW.account_id AND t.series_id = NEW.series_id AND t.doc_type = NEW.doc_type;
  IF NOT FOUND THEN RETURN NULL; END IF;
  SELECT max(d.number) INTO top FROM documents d
   WHERE d.account_id = c.account_id AND d.series_id = c.series_id AND d.doc_type = c.doc_type AND d.number IS NOT NULL;
  SELECT d.hash INTO top_hash FROM documents d
   WHERE d.account_id = c.account_id AND d.series_id = c.series_id AND d.doc_type = c.doc_type AND d.number IS NOT NULL
     AND d.hash IS NOT NULL
   ORDER BY d.number DESC LIMIT 1;
  IF c.last_number <> coalesce(top, 0) THEN
    RAISE EXCEPTION 'the counter of series % type % says % but its last document is number %', c.series_id, c.doc_type,
      c.last_number, coalesce(top, 0) USING ERRCODE = 'FA003';
  END IF;
  IF c.last_hash <> coalesce(top_hash, '') THEN
    RAISE EXCEPTION 'the chain state of series % type % is not the signature of its last document', c.series_id,
      c.doc_type USING ERRCODE = 'FA003';
  END IF;
  RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER series_doc_types_inserted AFTER INSERT ON series_doc_types
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW.last_number <> 0 OR NEW.last_hash <> '')
  EXECUTE FUNCTION series_doc_types_match_documents();
CREATE CONSTRAINT TRIGGER series_doc_types_moved AFTER UPDATE ON series_doc_types
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN (NEW.last_number IS DISTINCT FROM OLD.last_number OR NEW.last_hash IS DISTINCT FROM OLD.last_hash)
  EXECUTE FUNCTION series_doc_types_match_documents();

-- NOTE: D8632 §1.9 — a used series keeps its identity: its code is in every document number and ATCUD, its kind
-- (normal, training, recovery) says what the documents are. Used = it holds a numbered document.
CREATE FUNCTION series_frozen_once_used() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM documents d WHERE d.account_id = OLD.account_id AND d.series_id = OLD.id AND d.number IS NOT NULL) THEN
    RAISE EXCEPTION 'series % has been used: its code and kind cannot change', OLD.code USING ERRCODE = 'FA003';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER series_frozen_once_used BEFORE UPDATE ON series FOR EACH ROW
  WHEN (NEW.code IS DISTINCT FROM OLD.code OR NEW.kind IS DISTINCT FROM OLD.kind OR NEW.account_id <> OLD.account_id)
  EXECUTE FUNCTION series_frozen_once_used();

-- Signing keys verify the chain: a key that signed documents is neither changed nor deleted (only deactivated).
CREATE FUNCTION signing_keys_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM documents d WHERE d.account_id = OLD.account_id AND d.key_version = OLD.version) THEN
    RAISE EXCEPTION 'signing key % has signed documents: it cannot be changed or deleted', OLD.version
      USING ERRCODE = 'FA003';
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER signing_keys_guard_delete BEFORE DELETE ON signing_keys
  FOR EACH ROW EXECUTE FUNCTION signing_keys_guard();
CREATE TRIGGER signing_keys_guard_update BEFORE UPDATE ON signing_keys FOR EACH ROW
  WHEN ((NEW.account_id, NEW.version, NEW.public_pem, NEW.private_pem) IS DISTINCT FROM
        (OLD.account_id, OLD.version, OLD.public_pem, OLD.private_pem))
  EXECUTE FUNCTION signing_keys_guard();

-- Cached PDFs: sha256 is the digest of (account, document, source hash, bytes), written with the bytes and
-- compared by the server before it serves them. The database refuses bytes without their digest, so a file can
-- only be replaced by one written for that same document.
ALTER TABLE document_files ADD COLUMN sha256 text;
CREATE FUNCTION document_file_digest(account_id bigint, document_id bigint, source_hash text, bytes bytea)
  RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT encode(sha256(convert_to(account_id || ':' || document_id || ':' || source_hash || ':', 'UTF8') || bytes), 'hex')
$$;
UPDATE document_files SET sha256 = document_file_digest(account_id, document_id, source_hash, bytes);
ALTER TABLE document_files ALTER COLUMN sha256 SET NOT NULL;
CREATE FUNCTION document_files_digest_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.sha256 IS DISTINCT FROM document_file_digest(NEW.account_id, NEW.document_id, NEW.source_hash, NEW.bytes) THEN
    RAISE EXCEPTION 'the file of document % does not match its digest', NEW.document_id USING ERRCODE = 'FA003';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER document_files_digest_guard BEFORE INSERT OR UPDATE ON document_files
  FOR EACH ROW EXECUTE FUNCTION document_files_digest_guard();

-- TRUNCATE fires no row trigger: every table that holds legal records refuses it (CASCADE reaches each of them).
CREATE FUNCTION truncate_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% holds legal records and cannot be truncated', TG_TABLE_NAME USING ERRCODE = 'FA003';
END $$;
CREATE TRIGGER accounts_no_truncate BEFORE TRUNCATE ON accounts EXECUTE FUNCTION truncate_guard();
CREATE TRIGGER signing_keys_no_truncate BEFORE TRUNCATE ON signing_keys EXECUTE FUNCTION truncate_guard();
CREATE TRIGGER series_no_truncate BEFORE TRUNCATE ON series EXECUTE FUNCTION truncate_guard();
CREATE TRIGGER series_doc_types_no_truncate BEFORE TRUNCATE ON series_doc_types EXECUTE FUNCTION truncate_guard();
CREATE TRIGGER documents_no_truncate BEFORE TRUNCATE ON documents EXECUTE FUNCTION truncate_guard();
CREATE TRIGGER document_lines_no_truncate BEFORE TRUNCATE ON document_lines EXECUTE FUNCTION truncate_guard();
CREATE TRIGGER settlements_no_truncate BEFORE TRUNCATE ON settlements EXECUTE FUNCTION truncate_guard();
CREATE TRIGGER stock_movements_no_truncate BEFORE TRUNCATE ON stock_movements EXECUTE FUNCTION truncate_guard();
CREATE TRIGGER document_files_no_truncate BEFORE TRUNCATE ON document_files EXECUTE FUNCTION truncate_guard();
CREATE TRIGGER at_communications_no_truncate BEFORE TRUNCATE ON at_communications EXECUTE FUNCTION truncate_guard();
