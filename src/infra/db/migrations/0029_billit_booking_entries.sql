-- Booking entries of a Billit order (#17: PUT /v1/orders/{id}/bookingEntries replaces them, POST /v1/orders/{id}/booking
-- adds to them): the company's bookkeeping of the order (general-ledger account, amount, VAT, journal). A side table:
-- entries are never part of the legal document (its lines, totals, hash and e-invoice stay as issued) and change
-- freely. order_id is Billit's OrderID (a document's id, or a purchase document's id plus 10^12 for a Cost order).
CREATE TABLE billit_booking_entries (
  account_id     bigint NOT NULL REFERENCES accounts(id),
  order_id       bigint NOT NULL,
  position       integer NOT NULL,
  gl_account     text,
  amount         numeric,
  vat_percentage numeric,
  vat_amount     numeric,
  description    text,
  journal        text,
  -- The entry's other fields as the client sent them (kept and answered back, never interpreted).
  extra          jsonb NOT NULL DEFAULT '{}',
  created_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (account_id, order_id, position)
);
