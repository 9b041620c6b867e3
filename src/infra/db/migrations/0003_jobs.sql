-- The durable outbox: background work (PDF, e-mail, AT communication, webhooks) is enqueued in the same
-- transaction as the change that needs it, and run by workers that claim jobs with SKIP LOCKED.
CREATE TABLE jobs (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id   bigint NOT NULL,
  kind         text NOT NULL,
  payload      jsonb NOT NULL DEFAULT '{}',
  dedupe_key   text,
  state        text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending','running','done','dead')),
  run_at       timestamptz NOT NULL DEFAULT now(),
  attempts     integer NOT NULL DEFAULT 0,
  max_attempts integer NOT NULL DEFAULT 10,
  locked_until timestamptz,
  last_error   text,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX jobs_due ON jobs (run_at) WHERE state IN ('pending','running');
CREATE UNIQUE INDEX jobs_dedupe ON jobs (account_id, kind, dedupe_key) WHERE dedupe_key IS NOT NULL AND state IN ('pending','running');
CREATE INDEX jobs_account ON jobs (account_id, kind, created_at DESC);
