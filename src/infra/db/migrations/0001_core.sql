-- Faturador core schema. Every tenant-owned table carries account_id (the Citus distribution column),
-- and its primary and unique keys start with it.

CREATE TABLE accounts (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  legal_name       text NOT NULL,
  trade_name       text,
  tax_id           text NOT NULL,
  country          text NOT NULL DEFAULT 'PT',
  street           text,
  postal_code      text,
  city             text,
  region           text,
  email            text,
  phone            text,
  website          text,
  company_registry text,
  default_currency text NOT NULL DEFAULT 'EUR',
  default_language text NOT NULL DEFAULT 'pt' CHECK (default_language IN ('pt','en','fr')),
  sandbox          boolean NOT NULL DEFAULT true,
  software_cert_number integer NOT NULL DEFAULT 0 CHECK (software_cert_number >= 0),
  default_tax_id   bigint,
  created_at       timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE signing_keys (
  account_id   bigint NOT NULL REFERENCES accounts(id),
  version      integer NOT NULL CHECK (version > 0),
  public_pem   text NOT NULL,
  private_pem  text NOT NULL,
  active       boolean NOT NULL DEFAULT true,
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (account_id, version)
);
CREATE UNIQUE INDEX signing_keys_one_active ON signing_keys (account_id) WHERE active;

CREATE TABLE users (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id    bigint NOT NULL REFERENCES accounts(id),
  email         text NOT NULL,
  name          text NOT NULL DEFAULT '',
  password_hash text,
  role          text NOT NULL DEFAULT 'admin' CHECK (role IN ('owner','admin','member','readonly')),
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_email ON users (lower(email));
CREATE UNIQUE INDEX users_account_id ON users (account_id, id);

CREATE TABLE api_keys (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id   bigint NOT NULL REFERENCES accounts(id),
  user_id      bigint NOT NULL REFERENCES users(id),
  name         text NOT NULL DEFAULT '',
  prefix       text NOT NULL,
  key_hash     text NOT NULL UNIQUE,
  created_at   timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  revoked_at   timestamptz
);
CREATE INDEX api_keys_account ON api_keys (account_id);

-- Reference data shared by all accounts (Citus reference table).
CREATE TABLE exemption_reasons (
  code        text PRIMARY KEY,
  text        text NOT NULL,
  legal_basis text NOT NULL,
  valid_from  date,
  valid_to    date
);

CREATE TABLE taxes (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id  bigint NOT NULL REFERENCES accounts(id),
  name        text NOT NULL,
  tax_type    text NOT NULL DEFAULT 'IVA' CHECK (tax_type IN ('IVA','IS','NS')),
  region      text NOT NULL DEFAULT 'PT',
  saft_code   text NOT NULL CHECK (saft_code IN ('NOR','INT','RED','ISE','OUT','NS')),
  rate        numeric(7,4) NOT NULL CHECK (rate >= 0 AND rate < 100),
  is_default  boolean NOT NULL DEFAULT false,
  valid_from  date,
  valid_to    date,
  created_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (account_id, id)
);
CREATE UNIQUE INDEX taxes_name ON taxes (account_id, name);
CREATE UNIQUE INDEX taxes_one_default ON taxes (account_id) WHERE is_default;

CREATE TABLE units (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id bigint NOT NULL REFERENCES accounts(id),
  name       text NOT NULL,
  symbol     text NOT NULL,
  is_default boolean NOT NULL DEFAULT false,
  UNIQUE (account_id, id),
  UNIQUE (account_id, symbol)
);

CREATE TABLE payment_methods (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id bigint NOT NULL REFERENCES accounts(id),
  name       text NOT NULL,
  saft_code  text NOT NULL CHECK (saft_code IN ('CC','CD','CH','CI','CO','CS','DE','LC','MB','NU','OU','PR','TB','TR')),
  is_default boolean NOT NULL DEFAULT false,
  UNIQUE (account_id, id)
);

CREATE TABLE shipping_methods (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id bigint NOT NULL REFERENCES accounts(id),
  name       text NOT NULL,
  is_default boolean NOT NULL DEFAULT false,
  UNIQUE (account_id, id)
);

CREATE TABLE vehicles (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id  bigint NOT NULL REFERENCES accounts(id),
  plate       text NOT NULL,
  description text NOT NULL DEFAULT '',
  UNIQUE (account_id, id),
  UNIQUE (account_id, plate)
);

CREATE TABLE document_states (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id bigint NOT NULL REFERENCES accounts(id),
  name       text NOT NULL,
  color      text,
  UNIQUE (account_id, id)
);

CREATE TABLE contact_types (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id bigint NOT NULL REFERENCES accounts(id),
  name       text NOT NULL,
  UNIQUE (account_id, id)
);

CREATE TABLE item_categories (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id bigint NOT NULL REFERENCES accounts(id),
  name       text NOT NULL,
  UNIQUE (account_id, id)
);

CREATE TABLE series (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id   bigint NOT NULL REFERENCES accounts(id),
  code         text NOT NULL,
  description  text NOT NULL DEFAULT '',
  kind         text NOT NULL DEFAULT 'N' CHECK (kind IN ('N','F','R')),
  vat_included boolean NOT NULL DEFAULT false,
  status       text NOT NULL DEFAULT 'active' CHECK (status IN ('active','finalized')),
  is_default   boolean NOT NULL DEFAULT false,
  created_at   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (account_id, id),
  UNIQUE (account_id, code)
);
CREATE UNIQUE INDEX series_one_default ON series (account_id) WHERE is_default;

-- Numbering state per (series, document type): the row finalize locks.
CREATE TABLE series_doc_types (
  account_id       bigint NOT NULL,
  series_id        bigint NOT NULL,
  doc_type         text NOT NULL,
  validation_code  text,
  last_number      integer NOT NULL DEFAULT 0,
  last_hash        text NOT NULL DEFAULT '',
  last_doc_date    date,
  last_system_entry timestamp(0),
  PRIMARY KEY (account_id, series_id, doc_type),
  FOREIGN KEY (account_id, series_id) REFERENCES series (account_id, id)
);

CREATE TABLE stores (
  id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id           bigint NOT NULL REFERENCES accounts(id),
  name                 text NOT NULL,
  street               text,
  postal_code          text,
  city                 text,
  country              text NOT NULL DEFAULT 'PT',
  default_series_id    bigint,
  allow_negative_stock boolean NOT NULL DEFAULT true,
  is_default           boolean NOT NULL DEFAULT false,
  UNIQUE (account_id, id),
  FOREIGN KEY (account_id, default_series_id) REFERENCES series (account_id, id)
);
CREATE UNIQUE INDEX stores_one_default ON stores (account_id) WHERE is_default;

CREATE TABLE contacts (
  id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id           bigint NOT NULL REFERENCES accounts(id),
  code                 text NOT NULL,
  kind                 text NOT NULL DEFAULT 'customer' CHECK (kind IN ('customer','supplier','both')),
  name                 text NOT NULL,
  tax_id               text,
  email                text,
  street               text,
  postal_code          text,
  city                 text,
  country              text NOT NULL DEFAULT 'PT',
  phone                text,
  website              text,
  contact_person       text,
  payment_terms_days   integer NOT NULL DEFAULT 0 CHECK (payment_terms_days >= 0),
  default_discount     numeric(7,4) NOT NULL DEFAULT 0 CHECK (default_discount >= 0 AND default_discount <= 100),
  withholding          boolean NOT NULL DEFAULT false,
  language             text CHECK (language IN ('pt','en','fr')),
  type_ids             bigint[] NOT NULL DEFAULT '{}',
  default_payment_method_id  bigint,
  default_shipping_method_id bigint,
  observations         text,
  is_final_consumer    boolean NOT NULL DEFAULT false,
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now(),
  UNIQUE (account_id, id),
  UNIQUE (account_id, code)
);
CREATE INDEX contacts_tax_id ON contacts (account_id, tax_id);
CREATE INDEX contacts_email ON contacts (account_id, lower(email));
CREATE UNIQUE INDEX contacts_one_final_consumer ON contacts (account_id) WHERE is_final_consumer;

CREATE TABLE items (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id       bigint NOT NULL REFERENCES accounts(id),
  code             text NOT NULL,
  barcode          text,
  description      text NOT NULL,
  long_description text,
  product_type     text NOT NULL DEFAULT 'P' CHECK (product_type IN ('P','S','O','E','I')),
  unit_id          bigint,
  tax_id           bigint,
  purchase_tax_id  bigint,
  cost_price       numeric(24,10),
  price            numeric(24,10) NOT NULL DEFAULT 0 CHECK (price >= 0),
  price_with_vat   numeric(24,10) CHECK (price_with_vat >= 0),
  moves_stock      boolean NOT NULL DEFAULT false,
  category_ids     bigint[] NOT NULL DEFAULT '{}',
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  UNIQUE (account_id, id),
  UNIQUE (account_id, code)
);
CREATE INDEX items_description ON items (account_id, description);

CREATE TABLE documents (
  id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id         bigint NOT NULL REFERENCES accounts(id),
  doc_type           text NOT NULL,
  series_id          bigint NOT NULL,
  store_id           bigint,
  user_id            bigint,
  status             text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','final','cancelled')),
  number             integer,
  doc_no             text,
  doc_date           date NOT NULL,
  due_date           date,
  tax_point_date     date,
  system_entry_date  timestamp(0),
  status_date        timestamp(0),
  contact_id         bigint,
  customer           jsonb NOT NULL DEFAULT '{}',
  seller             jsonb NOT NULL DEFAULT '{}',
  load_address       jsonb,
  unload_address     jsonb,
  load_at            timestamp(0),
  unload_at          timestamp(0),
  vehicle_plate      text,
  payment_method_id  bigint,
  shipping_method_id bigint,
  currency           text NOT NULL DEFAULT 'EUR',
  exchange_rate      numeric(20,10),
  language           text NOT NULL DEFAULT 'pt',
  reference          text,
  observations       text,
  internal_note      text,
  state_id           bigint,
  vat_included       boolean NOT NULL DEFAULT false,
  global_discount_kind  text CHECK (global_discount_kind IN ('percent','amount')),
  global_discount_value numeric(24,10),
  withholding_type   text CHECK (withholding_type IN ('IRS','IRC','IS')),
  withholding_rate   numeric(7,4),
  rounding_adjustment numeric(5,2) NOT NULL DEFAULT 0 CHECK (rounding_adjustment BETWEEN -0.03 AND 0.03),
  net_total          numeric(20,2) NOT NULL DEFAULT 0,
  tax_total          numeric(20,2) NOT NULL DEFAULT 0,
  gross_total        numeric(20,2) NOT NULL DEFAULT 0,
  discount_total     numeric(20,2) NOT NULL DEFAULT 0,
  withholding_total  numeric(20,2) NOT NULL DEFAULT 0,
  payable_total      numeric(20,2) NOT NULL DEFAULT 0,
  currency_total     numeric(20,2),
  tax_summary        jsonb NOT NULL DEFAULT '[]',
  hash               text,
  hash_control       text,
  atcud              text,
  key_version        integer,
  cancel_reason      text,
  open_balance       numeric(20,2) NOT NULL DEFAULT 0,
  paid               boolean NOT NULL DEFAULT false,
  at_code            text,
  printed_count      integer NOT NULL DEFAULT 0,
  download_token     text NOT NULL,
  related_document_id bigint,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  UNIQUE (account_id, id),
  FOREIGN KEY (account_id, series_id) REFERENCES series (account_id, id),
  FOREIGN KEY (account_id, contact_id) REFERENCES contacts (account_id, id),
  CHECK ((status = 'draft') = (number IS NULL))
);
-- NOTE: numbers never repeat per series and type (D8632 §1.6): enforced here as well as by the locked counter.
CREATE UNIQUE INDEX documents_number ON documents (account_id, series_id, doc_type, number) WHERE number IS NOT NULL;
CREATE INDEX documents_list ON documents (account_id, doc_date DESC, id DESC);
CREATE INDEX documents_contact ON documents (account_id, contact_id);
CREATE INDEX documents_related ON documents (account_id, related_document_id) WHERE related_document_id IS NOT NULL;

CREATE TABLE document_lines (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id       bigint NOT NULL,
  document_id      bigint NOT NULL,
  position         integer NOT NULL,
  item_id          bigint,
  code             text NOT NULL,
  description      text NOT NULL,
  product_type     text NOT NULL DEFAULT 'P',
  quantity         numeric(24,10) NOT NULL CHECK (quantity > 0),
  unit             text NOT NULL DEFAULT 'UN',
  unit_price       numeric(24,10) NOT NULL CHECK (unit_price >= 0),
  discount1        numeric(7,4) NOT NULL DEFAULT 0 CHECK (discount1 BETWEEN 0 AND 100),
  discount2        numeric(7,4) NOT NULL DEFAULT 0 CHECK (discount2 BETWEEN 0 AND 100),
  discount3        numeric(7,4) NOT NULL DEFAULT 0 CHECK (discount3 BETWEEN 0 AND 100),
  tax_id           bigint,
  tax_type         text NOT NULL,
  tax_region       text NOT NULL,
  tax_code         text NOT NULL,
  tax_rate         numeric(7,4) NOT NULL,
  exemption_code   text,
  exemption_reason text,
  net_amount       numeric(24,10) NOT NULL,
  unit_net_price   numeric(24,10) NOT NULL,
  discount_amount  numeric(24,10) NOT NULL DEFAULT 0,
  net_total        numeric(20,2) NOT NULL,
  tax_total        numeric(20,2) NOT NULL,
  gross_total      numeric(20,2) NOT NULL,
  origin_line_id   bigint,
  origin_document_id bigint,
  UNIQUE (account_id, id),
  UNIQUE (account_id, document_id, position),
  FOREIGN KEY (account_id, document_id) REFERENCES documents (account_id, id) ON DELETE CASCADE
);
CREATE INDEX document_lines_origin ON document_lines (account_id, origin_line_id) WHERE origin_line_id IS NOT NULL;

-- Receipts (RC/RG) settle receivable documents; FR settles itself at issue.
CREATE TABLE settlements (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id   bigint NOT NULL,
  receipt_id   bigint NOT NULL,
  document_id  bigint NOT NULL,
  amount       numeric(20,2) NOT NULL CHECK (amount > 0),
  UNIQUE (account_id, receipt_id, document_id),
  FOREIGN KEY (account_id, receipt_id) REFERENCES documents (account_id, id) ON DELETE CASCADE,
  FOREIGN KEY (account_id, document_id) REFERENCES documents (account_id, id)
);
CREATE INDEX settlements_document ON settlements (account_id, document_id);

CREATE TABLE stock_movements (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id  bigint NOT NULL,
  store_id    bigint NOT NULL,
  item_id     bigint NOT NULL,
  document_id bigint NOT NULL,
  line_id     bigint NOT NULL,
  quantity    numeric(24,10) NOT NULL,
  moved_on    date NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (account_id, document_id) REFERENCES documents (account_id, id)
);
CREATE INDEX stock_movements_item ON stock_movements (account_id, item_id, store_id, moved_on);

-- Idempotency for every create, across APIs: scope says whose key it is (native, invoicexpress, magnifinance, billit).
CREATE TABLE idempotency_keys (
  account_id      bigint NOT NULL,
  scope           text NOT NULL,
  key             text NOT NULL,
  request_hash    text NOT NULL,
  state           text NOT NULL DEFAULT 'in_flight' CHECK (state IN ('in_flight','done')),
  response_status integer,
  response_body   jsonb,
  document_id     bigint,
  locked_until    timestamptz NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (account_id, scope, key)
);
