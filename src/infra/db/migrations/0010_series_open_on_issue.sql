-- NOTE: D8632 §1.9 — a finalized (discontinued) series is blocked: no document can be issued in it. The API
-- checks it before issuing; this trigger checks it again when a document is finalized, under the counter lock
-- (closing a series takes its counter rows first), so a request that read the series as open just before it was
-- closed cannot issue into it. SQLSTATE FA002 marks the refusal.
CREATE FUNCTION documents_series_open() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM series s WHERE s.account_id = NEW.account_id AND s.id = NEW.series_id AND s.status <> 'active') THEN
    RAISE EXCEPTION 'series % is finalized: no document can be issued in it', NEW.series_id USING ERRCODE = 'FA002';
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER documents_series_open BEFORE UPDATE OF status ON documents
  FOR EACH ROW WHEN (OLD.status = 'draft' AND NEW.status = 'final') EXECUTE FUNCTION documents_series_open();
