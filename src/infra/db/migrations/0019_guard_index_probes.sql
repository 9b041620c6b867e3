-- The guards of 0012 and 0013, refusing exactly what they refused, with every read of documents written as an
-- index probe whose plan does not depend on the table's statistics (#15). Until the first ANALYZE after a table
-- grows (a new installation's first minutes, PGlite, PostgreSQL with autovacuum off), the planner sees the
-- statistics of an empty table: `number IN (n - 1, n + 1)` was then checked as a filter over every numbered
-- document of the series and type, and max(number) read them all, on every finalize. An equality on every column
-- of a unique index (documents_number, (account_id, id)) or an index-ordered LIMIT 1 has one plan at any size.

-- Lines and settlements: the parent the row leaves (OLD) and the one it lands on (NEW), each by its own key
-- (the OR of both pairs in one query was planned again on every row written); the same parent only once.
CREATE OR REPLACE FUNCTION document_children_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  old_acc bigint;
  old_doc bigint;
  new_acc bigint;
  new_doc bigint;
  refused boolean := false;
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
  IF old_doc IS NOT NULL THEN
    refused := EXISTS (SELECT 1 FROM documents d WHERE d.account_id = old_acc AND d.id = old_doc AND d.status <> 'draft');
  END IF;
  IF NOT refused AND new_doc IS NOT NULL AND (new_acc, new_doc) IS DISTINCT FROM (old_acc, old_doc) THEN
    refused := EXISTS (SELECT 1 FROM documents d WHERE d.account_id = new_acc AND d.id = new_doc AND d.status <> 'draft');
  END IF;
  IF refused THEN
    RAISE EXCEPTION '% of document % cannot change: the document is finalized', TG_TABLE_NAME, coalesce(old_doc, new_doc)
      USING ERRCODE = 'FA001';
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END $$;

-- NOTE: D8632 §1.6, §3.2.1 (Portaria 363/2010) — as in 0013: a finalized document's system entry time is never
-- earlier than that of the document numbered before it in its series and type, nor later than the one after it.
-- The two neighbours are read by their numbers, one probe each (the one before first, as the index order gave).
CREATE OR REPLACE FUNCTION documents_entry_time_in_order() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  other record;
BEGIN
  SELECT d.number, d.system_entry_date INTO other FROM documents d
   WHERE d.account_id = NEW.account_id AND d.series_id = NEW.series_id AND d.doc_type = NEW.doc_type
     AND d.number = NEW.number - 1 AND d.status <> 'draft'
     AND (NEW.system_entry_date IS NULL OR d.system_entry_date > NEW.system_entry_date);
  IF NOT FOUND THEN
    SELECT d.number, d.system_entry_date INTO other FROM documents d
     WHERE d.account_id = NEW.account_id AND d.series_id = NEW.series_id AND d.doc_type = NEW.doc_type
       AND d.number = NEW.number + 1 AND d.status <> 'draft'
       AND (NEW.system_entry_date IS NULL OR d.system_entry_date < NEW.system_entry_date);
  END IF;
  IF FOUND THEN
    RAISE EXCEPTION 'document % (% %) has system entry time %, out of order with % of number % in its series',
      NEW.id, NEW.doc_type, NEW.number, NEW.system_entry_date, other.system_entry_date, other.number
      USING ERRCODE = 'FA013';
  END IF;
  RETURN NULL;
END $$;

-- NOTE: D8632 §1.6 — as in 0012: at commit, a counter's last_number is the highest number of its (series, type)
-- and last_hash the signature of its last signed document. The highest number by the index, backwards, once; the
-- last signature is that document's unless it has none.
CREATE OR REPLACE FUNCTION series_doc_types_match_documents() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  c record;
  top integer;
  top_hash text;
BEGIN
  -- The row as it is now: several statements of the transaction may have queued this check with older values.
  SELECT * INTO c FROM series_doc_types t
   WHERE t.account_id = NEW.account_id AND t.series_id = NEW.series_id AND t.doc_type = NEW.doc_type;
  IF NOT FOUND THEN RETURN NULL; END IF;
  SELECT d.number, d.hash INTO top, top_hash FROM documents d
   WHERE d.account_id = c.account_id AND d.series_id = c.series_id AND d.doc_type = c.doc_type AND d.number IS NOT NULL
   ORDER BY d.number DESC LIMIT 1;
  IF top IS NOT NULL AND top_hash IS NULL THEN
    SELECT d.hash INTO top_hash FROM documents d
     WHERE d.account_id = c.account_id AND d.series_id = c.series_id AND d.doc_type = c.doc_type
       AND d.number IS NOT NULL AND d.hash IS NOT NULL
     ORDER BY d.number DESC LIMIT 1;
  END IF;
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

-- InvoiceXpress looks clients up by name (GET clients/find-by-name, its clients' usual step before an invoice): one
-- probe instead of a scan of the account's contacts, for the row and for its count.
CREATE INDEX IF NOT EXISTS contacts_name ON contacts (account_id, name);
