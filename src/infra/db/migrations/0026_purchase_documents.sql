-- E-invoices an account RECEIVED (issue #16 §3, reception): from Peppol (pulled from a service provider's inbox or
-- pushed by a gateway), later also uploaded or entered through a dialect. One row per received document, with its
-- original XML, its embedded PDF, the facts read from it, the validator's verdict, and the buyer's decision.
CREATE TABLE purchase_documents (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id       bigint NOT NULL REFERENCES accounts(id),
  source           text NOT NULL CHECK (source IN ('peppol', 'upload', 'dialect')),
  -- The access point's id: a second fetch or push of the same transmission is the same document.
  transmission_id  text,
  sender_id        text,
  receiver_id      text,
  syntax           text NOT NULL CHECK (syntax IN ('ubl', 'cii')),
  type_code        text,
  supplier_name    text,
  supplier_vat_id  text,
  number           text,
  issue_date       date,
  due_date         date,
  currency         text,
  -- Exact, as stated (unbounded numeric: a received amount is never rounded).
  net_amount       numeric,
  tax_amount       numeric,
  gross_amount     numeric,
  payable_amount   numeric,
  xml              text NOT NULL,
  pdf              bytea,
  pdf_filename     text,
  -- {valid, fatal, messages[]}: the first fatal findings (or schema errors) of the validator.
  validation       jsonb NOT NULL,
  status           text NOT NULL DEFAULT 'received' CHECK (status IN ('received', 'accepted', 'refused')),
  decision_reason  text,
  decided_at       timestamptz,
  -- The Peppol Invoice Response sent for the decision: pending (queued), sent, unsupported (the access point
  -- sends none, or there is none), failed.
  response_status  text CHECK (response_status IN ('pending', 'sent', 'unsupported', 'failed')),
  response_error   text,
  received_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (account_id, id),
  CHECK ((status = 'received') = (decided_at IS NULL)),
  CHECK (status <> 'refused' OR decision_reason IS NOT NULL)
);
CREATE UNIQUE INDEX purchase_documents_transmission ON purchase_documents (account_id, transmission_id)
  WHERE transmission_id IS NOT NULL;
CREATE INDEX purchase_documents_recent ON purchase_documents (account_id, received_at DESC, id DESC);

-- NOTE: a received e-invoice is the supplier's legal document (EN 16931, Directive 2014/55/EU; Belgian and
-- Portuguese law keep the original as received): once stored, its XML, PDF and amounts never change and the row is
-- never deleted. Only the decision is written, once (received → accepted | refused), and the state of the Invoice
-- Response sent for it. FA003 marks the refusal, like the other legal records' guards (0012).
CREATE FUNCTION purchase_documents_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  decision text[] := ARRAY['status', 'decision_reason', 'decided_at', 'response_status', 'response_error'];
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'received document % is kept as received and cannot be deleted', OLD.id USING ERRCODE = 'FA003';
  END IF;
  IF (to_jsonb(NEW) - decision) IS DISTINCT FROM (to_jsonb(OLD) - decision) THEN
    RAISE EXCEPTION 'received document % is kept as received: its content cannot change', OLD.id USING ERRCODE = 'FA003';
  END IF;
  IF OLD.status <> 'received' AND (NEW.status, NEW.decision_reason, NEW.decided_at)
      IS DISTINCT FROM (OLD.status, OLD.decision_reason, OLD.decided_at) THEN
    RAISE EXCEPTION 'received document % was already %: the decision is made once', OLD.id, OLD.status
      USING ERRCODE = 'FA003';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER purchase_documents_guard BEFORE UPDATE OR DELETE ON purchase_documents
  FOR EACH ROW EXECUTE FUNCTION purchase_documents_guard();

CREATE TRIGGER purchase_documents_no_truncate BEFORE TRUNCATE ON purchase_documents
  EXECUTE FUNCTION truncate_guard();
