-- Peppol delivery (#16 §3): the account's access point, each send of a document, and the participant lookup cache.

-- An account's access point: a Peppol service provider's HTTP API (base_url, api_key_sealed, registration_id) or
-- an SBDH gateway (url, token_sealed). Secrets are sealed with the secret box (context `peppol-secret:<account>`)
-- and never returned. status_token_hash: SHA-256 of the secret in the status-callback URL the provider calls.
CREATE TABLE peppol_settings (
  account_id        bigint PRIMARY KEY REFERENCES accounts(id),
  kind              text NOT NULL CHECK (kind IN ('service-provider','gateway')),
  base_url          text,
  api_key_sealed    text,
  registration_id   text,
  url               text,
  token_sealed      text,
  smp_url           text,
  participant_id    text NOT NULL,
  status_token_hash text,
  updated_at        timestamptz NOT NULL DEFAULT now(),
  CHECK (kind <> 'service-provider' OR (base_url IS NOT NULL AND api_key_sealed IS NOT NULL AND registration_id IS NOT NULL)),
  CHECK (kind <> 'gateway' OR url IS NOT NULL)
);

-- One row per send of a document (its attempts are the outbox's retries): over Peppol, or by e-mail when the
-- receiver is not on Peppol. instance_id is the SBDH InstanceIdentifier, kept across retries so the access point
-- can recognise a repeated send.
CREATE TABLE peppol_transmissions (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id      bigint NOT NULL REFERENCES accounts(id),
  document_id     bigint NOT NULL,
  transport       text NOT NULL DEFAULT 'peppol' CHECK (transport IN ('peppol','email')),
  receiver        text,
  strict_transport boolean NOT NULL DEFAULT false,
  status          text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued','sent','delivered','refused','failed')),
  instance_id     uuid NOT NULL,
  transmission_id text,
  email_id        bigint,
  reason          text,
  attempts        integer NOT NULL DEFAULT 0,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (account_id, id),
  FOREIGN KEY (account_id, document_id) REFERENCES documents (account_id, id)
);
-- The latest send of a document first (history, status).
CREATE INDEX peppol_transmissions_document ON peppol_transmissions (account_id, document_id, id DESC);
-- A status poll or callback names the access point's transmission id.
CREATE INDEX peppol_transmissions_tid ON peppol_transmissions (account_id, transmission_id)
  WHERE transmission_id IS NOT NULL;

-- What a lookup (access point or SMP) said about a participant, shared by every process; reused for a TTL.
CREATE TABLE peppol_participants (
  participant    text PRIMARY KEY,
  registered     boolean NOT NULL,
  document_types jsonb NOT NULL DEFAULT '[]',
  name           text,
  looked_up_at   timestamptz NOT NULL DEFAULT now()
);

-- An e-mail sent instead of a Peppol transmission carries the document's UBL beside its PDF.
ALTER TABLE emails ADD COLUMN attach_einvoice boolean NOT NULL DEFAULT false;
