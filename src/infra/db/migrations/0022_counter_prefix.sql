-- The internal code a (series, type) counter prints before its numbers: `<prefix> <series>/<n>` (#14, bill.pt item 7).
-- NOTE: P302 4.1.4.1 / 4.4.4.1 (portugal.md §1.4) — InvoiceNo/PaymentRefNo start with the INTERNAL code of the
-- document type, which the software chooses; SAF-T's InvoiceType/PaymentType stays the legal type. NULL means the
-- type's code: every counter made before this migration and every one the core creates, so existing numbers, SAF-T,
-- hashes and QR codes stay byte-identical without rewriting a row. The code is text of a number pattern
-- `[^ ]+ [^/^ ]+/[0-9]+`: no space, no slash.
ALTER TABLE series_doc_types ADD COLUMN prefix text
  CONSTRAINT series_doc_types_prefix_format CHECK (prefix ~ '^[A-Z][A-Z0-9]{0,9}$');

-- NOTE: P302 4.1.4.1 — "Não podem existir registos com a mesma identificação": no two counters of a series print
-- the same code (race-free: a unique index).
CREATE UNIQUE INDEX series_doc_types_code_key ON series_doc_types (account_id, series_id, (coalesce(prefix, doc_type)));
-- The explicit codes of an account, for the check below (few rows: most counters keep NULL).
CREATE INDEX series_doc_types_prefix_idx ON series_doc_types (account_id, prefix) WHERE prefix IS NOT NULL;

-- NOTE: P302 4.1.4.1, 4.4.4.1 and §4 — "Não pode ser utilizado o mesmo código interno de tipo de documento em
-- diferentes tipos de documentos, independentemente da tabela": across the account's series one code names one type.
-- A new counter without a code whose type's code another type already prints (a cash-VAT RC counter after bill.pt's
-- receipts took RC) gets the first free `<type><n>` (RC2); an explicit code another type prints is refused (23505),
-- and a code is fixed once the counter numbered a document (FA003, like the counter itself in 0012).
-- BEFORE INSERT fires for the no-op upsert of every finalize (`counterLock`): without a code it is one probe of the
-- partial index above. Two transactions creating clashing counters in different series at the same instant are not
-- serialized here (the same series is, by the unique index).
CREATE FUNCTION series_doc_types_code() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  code text;
  n integer := 1;
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF NEW.prefix IS NOT DISTINCT FROM OLD.prefix AND NEW.doc_type = OLD.doc_type THEN RETURN NEW; END IF;
    IF OLD.last_number > 0 THEN
      RAISE EXCEPTION 'the counter of series % type % has issued documents and keeps its code %', OLD.series_id,
        OLD.doc_type, coalesce(OLD.prefix, OLD.doc_type) USING ERRCODE = 'FA003';
    END IF;
  END IF;
  IF NEW.prefix IS NULL THEN
    code := NEW.doc_type;
    WHILE EXISTS (SELECT 1 FROM series_doc_types t WHERE t.account_id = NEW.account_id AND t.prefix = code
                   AND t.doc_type <> NEW.doc_type) LOOP
      n := n + 1;
      code := NEW.doc_type || n;
      NEW.prefix := code;
    END LOOP;
    RETURN NEW;
  END IF;
  IF EXISTS (SELECT 1 FROM series_doc_types t WHERE t.account_id = NEW.account_id AND t.doc_type <> NEW.doc_type
              AND coalesce(t.prefix, t.doc_type) = NEW.prefix) THEN
    RAISE EXCEPTION 'the code % already names another document type of the account', NEW.prefix
      USING ERRCODE = '23505';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER series_doc_types_code BEFORE INSERT OR UPDATE OF prefix, doc_type ON series_doc_types
  FOR EACH ROW EXECUTE FUNCTION series_doc_types_code();
