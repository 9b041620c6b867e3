-- Delivering documents by e-mail (SMTP through the outbox) and signed webhooks.

-- An account's own SMTP server, overriding the installation's (SMTP_* variables). The password is sealed with
-- AES-256-GCM (FATURADOR_SECRET_KEY) and never returned.
CREATE TABLE email_smtp_settings (
  account_id      bigint PRIMARY KEY REFERENCES accounts(id),
  host            text NOT NULL,
  port            integer NOT NULL CHECK (port BETWEEN 1 AND 65535),
  secure          boolean NOT NULL DEFAULT false,
  username        text,
  password_sealed text,
  from_address    text,
  reply_to        text,
  updated_at      timestamptz NOT NULL DEFAULT now()
);

-- Subject and body templates per account and language; the built-in defaults apply where there is no row.
CREATE TABLE email_templates (
  account_id bigint NOT NULL REFERENCES accounts(id),
  language   text NOT NULL CHECK (language IN ('pt','en','fr')),
  subject    text NOT NULL,
  body       text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (account_id, language)
);

-- One row per e-mail asked for (a document's PDF to some addresses, or a test message), with its state.
-- Subject and body are rendered from the template at the first attempt when the request did not give them.
-- The copy mark (original, duplicate, reprint) is decided when the e-mail is queued and counted as a print.
CREATE TABLE emails (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id    bigint NOT NULL REFERENCES accounts(id),
  document_id   bigint,
  kind          text NOT NULL CHECK (kind IN ('document','test')),
  origin        text NOT NULL CHECK (origin IN ('issue','request','test')),
  to_addresses  jsonb NOT NULL,
  cc_addresses  jsonb NOT NULL DEFAULT '[]',
  bcc_addresses jsonb NOT NULL DEFAULT '[]',
  subject       text,
  body          text,
  copy          text CHECK (copy IN ('original','duplicate','reprint')),
  status        text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued','retrying','sent','failed')),
  attempts      integer NOT NULL DEFAULT 0,
  last_error    text,
  message_id    text,
  accepted      jsonb,
  rejected      jsonb,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  sent_at       timestamptz,
  UNIQUE (account_id, id),
  FOREIGN KEY (account_id, document_id) REFERENCES documents (account_id, id)
);
CREATE INDEX emails_recent ON emails (account_id, created_at DESC, id DESC);
CREATE INDEX emails_document ON emails (account_id, document_id, id DESC) WHERE document_id IS NOT NULL;

-- Every SMTP attempt, appended: the log behind GET /v1/documents/:id/emails and GET /v1/emails.
CREATE TABLE email_attempts (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id    bigint NOT NULL,
  email_id      bigint NOT NULL,
  attempt       integer NOT NULL,
  result        text NOT NULL CHECK (result IN ('sent','retry','failed')),
  error         text,
  smtp_code     integer,
  smtp_response text,
  server        text,
  duration_ms   integer,
  started_at    timestamptz NOT NULL,
  finished_at   timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (account_id, email_id) REFERENCES emails (account_id, id)
);
CREATE INDEX email_attempts_email ON email_attempts (account_id, email_id, id);
CREATE TRIGGER email_attempts_append_only BEFORE UPDATE OR DELETE ON email_attempts
  FOR EACH ROW EXECUTE FUNCTION append_only_guard();

-- Webhook endpoints: the events they subscribe to (JSON array of names, or ["*"]) and their signing secret,
-- sealed at rest. After a rotation the previous secret keeps signing too until previous_expires_at.
CREATE TABLE webhook_endpoints (
  id                     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id             bigint NOT NULL REFERENCES accounts(id),
  url                    text NOT NULL,
  description            text,
  events                 jsonb NOT NULL,
  enabled                boolean NOT NULL DEFAULT true,
  secret_sealed          text NOT NULL,
  secret_hint            text NOT NULL,
  previous_secret_sealed text,
  previous_expires_at    timestamptz,
  created_at             timestamptz NOT NULL DEFAULT now(),
  updated_at             timestamptz NOT NULL DEFAULT now(),
  UNIQUE (account_id, id)
);
-- Emitting an event checks this index first: accounts without a subscriber never get an outbox row.
CREATE INDEX webhook_endpoints_enabled ON webhook_endpoints (account_id) WHERE enabled;

-- One row per (endpoint, event), and one more per manual redelivery. `payload` is the exact body signed and sent.
CREATE TABLE webhook_deliveries (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id       bigint NOT NULL,
  endpoint_id      bigint NOT NULL,
  event_id         text NOT NULL,
  event_type       text NOT NULL,
  payload          text NOT NULL,
  status           text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','retrying','succeeded','failed','cancelled')),
  attempts         integer NOT NULL DEFAULT 0,
  last_status_code integer,
  last_error       text,
  redelivery_of    bigint,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  delivered_at     timestamptz,
  UNIQUE (account_id, id),
  FOREIGN KEY (account_id, endpoint_id) REFERENCES webhook_endpoints (account_id, id) ON DELETE CASCADE
);
-- A dispatch that runs twice (at-least-once) fans out once.
CREATE UNIQUE INDEX webhook_deliveries_once ON webhook_deliveries (account_id, endpoint_id, event_id) WHERE redelivery_of IS NULL;
CREATE INDEX webhook_deliveries_endpoint ON webhook_deliveries (account_id, endpoint_id, id DESC);

CREATE TABLE webhook_delivery_attempts (
  id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id          bigint NOT NULL,
  delivery_id         bigint NOT NULL,
  attempt             integer NOT NULL,
  status_code         integer,
  response_excerpt    text,
  error               text,
  duration_ms         integer,
  signature_timestamp bigint NOT NULL,
  started_at          timestamptz NOT NULL,
  finished_at         timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (account_id, delivery_id) REFERENCES webhook_deliveries (account_id, id) ON DELETE CASCADE
);
CREATE INDEX webhook_delivery_attempts_delivery ON webhook_delivery_attempts (account_id, delivery_id, id);
