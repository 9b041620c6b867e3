-- NOTE: D8632 §1.6, §3.2.1 (the technical requirements of Portaria 363/2010) — a series is issued chronologically,
-- its numbering following the date and time of issue: a finalized document's system entry time is never earlier
-- than that of the document numbered before it in its series and type (nor later than the one numbered after it).
-- Issuing reads the time under the counter lock (`ENTRY_TIME`); this checks it at commit (deferred: the batched
-- issue path finalizes many documents of a series in one statement). SQLSTATE FA013 marks the refusal.
CREATE FUNCTION documents_entry_time_in_order() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  other record;
BEGIN
  SELECT d.number, d.system_entry_date INTO other FROM documents d
   WHERE d.account_id = NEW.account_id AND d.series_id = NEW.series_id AND d.doc_type = NEW.doc_type
     AND d.number IN (NEW.number - 1, NEW.number + 1) AND d.status <> 'draft'
     AND (NEW.system_entry_date IS NULL
          OR (d.number < NEW.number AND d.system_entry_date > NEW.system_entry_date)
          OR (d.number > NEW.number AND d.system_entry_date < NEW.system_entry_date))
   LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'document % (% %) has system entry time %, out of order with % of number % in its series',
      NEW.id, NEW.doc_type, NEW.number, NEW.system_entry_date, other.system_entry_date, other.number
      USING ERRCODE = 'FA013';
  END IF;
  RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER documents_entry_time_in_order AFTER UPDATE ON documents
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN (OLD.status = 'draft' AND NEW.status <> 'draft' AND NEW.number IS NOT NULL)
  EXECUTE FUNCTION documents_entry_time_in_order();

-- Idempotency keys: the process (database handle) that claimed a key in flight. While that owner lives it holds a
-- session advisory lock named by this id (PostgreSQL), so a retry can tell a live owner (409) from a dead one
-- (take the key over at once) instead of waiting for `locked_until`.
ALTER TABLE idempotency_keys ADD COLUMN owner bigint;
