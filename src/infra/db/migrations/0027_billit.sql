-- The Billit dialect (#17): what its API needs that the core lacks. Bearer tokens for an API key, the parties a
-- key may act for, and the mutable bookkeeping Billit keeps on an order. Finalized documents stay immutable: the
-- flags Billit lets a client change (Paid, IsSent, ApprovalStatus, …) live in billit_orders, never in documents.

-- OAuth2 bearer tokens issued for an API key (POST /OAuth2/token). Only SHA-256 hashes of the access and refresh
-- tokens are kept; key_sealed is the API key sealed with the secret box (context `billit-token:<account>:<id>`), so a
-- bearer request authenticates as its key (a revoked key revokes its tokens). Revoked or expired: refused.
CREATE TABLE billit_tokens (
  id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id         bigint NOT NULL REFERENCES accounts(id),
  api_key_id         bigint NOT NULL REFERENCES api_keys(id),
  access_hash        text NOT NULL UNIQUE,
  refresh_hash       text UNIQUE,
  key_sealed         text NOT NULL,
  expires_at         timestamptz NOT NULL,
  refresh_expires_at timestamptz,
  revoked_at         timestamptz,
  created_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX billit_tokens_key ON billit_tokens (api_key_id);

-- Party delegation: Billit's PartyID is an account id; an account (an accountant's) may act for the client
-- accounts listed here through the PartyID / ContextPartyID headers. A key always reaches its own account.
CREATE TABLE billit_party_access (
  account_id       bigint NOT NULL REFERENCES accounts(id),
  party_account_id bigint NOT NULL REFERENCES accounts(id),
  created_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (account_id, party_account_id),
  CHECK (account_id <> party_account_id)
);
CREATE INDEX billit_party_access_party ON billit_party_access (party_account_id);

-- An order as Billit tracks it. order_id is Billit's OrderID: the document's id for an Income order, and for a Cost
-- order (a received purchase document) the purchase document's id plus 10^12 (src/dialects/billit/order-ids.ts), so
-- both kinds share one id space. A document created through another API has no row until Billit changes a flag:
-- readers take an absent row as the defaults below. deleted_at marks an order Billit deleted (GET /v1/orders/deleted).
-- order_number is the OrderNumber the client sent: the legal number stays the core's gapless doc_no (what the
-- customer, the PDF and the UBL see); the client's own number is kept to find the order by (filters, credit notes'
-- AboutInvoiceNumber).
CREATE TABLE billit_orders (
  order_id                        bigint PRIMARY KEY,
  account_id                      bigint NOT NULL REFERENCES accounts(id),
  document_id                     bigint REFERENCES documents(id) ON DELETE SET NULL,
  purchase_document_id            bigint,
  order_type                      text NOT NULL,
  order_direction                 text NOT NULL CHECK (order_direction IN ('Income','Cost')),
  order_number                    text,
  paid                            boolean,
  paid_date                       timestamp,
  is_sent                         boolean NOT NULL DEFAULT false,
  approval_status                 text,
  account_code                    text,
  internal_info                   text,
  invoiced                        boolean,
  accountant_verification_needed  boolean NOT NULL DEFAULT false,
  order_pdf_file_id               text,
  attachment_file_ids             jsonb NOT NULL DEFAULT '[]',
  deleted_at                      timestamptz,
  created_at                      timestamptz NOT NULL DEFAULT now(),
  updated_at                      timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX billit_orders_document ON billit_orders (document_id) WHERE document_id IS NOT NULL;
CREATE UNIQUE INDEX billit_orders_purchase ON billit_orders (purchase_document_id) WHERE purchase_document_id IS NOT NULL;
CREATE INDEX billit_orders_number ON billit_orders (account_id, order_number) WHERE order_number IS NOT NULL;
CREATE INDEX billit_orders_deleted ON billit_orders (account_id, deleted_at) WHERE deleted_at IS NOT NULL;
