import type { Config } from '../../config.js';
import { EVENT_DISPATCH_JOB } from '../../app/webhooks/emit-events.js';
import { WEBHOOK_DELIVER_JOB } from '../../app/webhooks/dispatch-events.js';
import { handleEventDispatchJob, handleWebhookDeliverJob } from '../../app/webhooks/handle-webhook-jobs.js';
import type { WebhookDeps } from '../../app/webhooks/ports.js';
import type { WebhookUrlPolicy } from '../../domain/webhooks/endpoint-url.js';
import type { Database } from '../../infra/db/database.js';
import type { JobWorker } from '../../infra/jobs/worker.js';
import { createSecretBox } from '../secrets/secret-box.js';
import { createHttpSender } from './http-sender.js';
import type { Metrics } from '../../infra/metrics/metrics.js';
import { meteredWebhookSender } from '../metered-ports.js';

/** http:// and private destinations are refused in production (NODE_ENV=production) unless WEBHOOK_ALLOW_* say otherwise. */
export function webhookUrlPolicy(config: Config): WebhookUrlPolicy {
  const production = process.env.NODE_ENV === 'production';
  return {
    allowHttp: config.webhooks?.allowHttp ?? !production,
    allowPrivateNetworks: config.webhooks?.allowPrivateNetworks ?? !production,
  };
}

export function createWebhookDeps(config: Config, dbKind: Database['kind']): WebhookDeps {
  const policy = webhookUrlPolicy(config);
  return {
    sender: createHttpSender({
      timeoutMs: config.webhooks?.timeoutMs ?? 10_000,
      allowPrivateNetworks: policy.allowPrivateNetworks,
    }),
    secrets: createSecretBox({
      secretKey: config.secretKey,
      dataDir: config.dataDir || undefined,
      embedded: dbKind === 'pglite',
    }),
    policy,
    maxAttempts: Math.max(1, config.webhooks?.maxAttempts ?? 15),
  };
}

export function registerWebhookJobHandlers(
  worker: JobWorker,
  deps: { database: Database; config: Config; metrics?: Metrics },
): void {
  const webhooks = createWebhookDeps(deps.config, deps.database.kind);
  if (deps.metrics) webhooks.sender = meteredWebhookSender(webhooks.sender, deps.metrics);
  worker.register(EVENT_DISPATCH_JOB, (job) => handleEventDispatchJob(deps.database.db, job));
  worker.register(WEBHOOK_DELIVER_JOB, (job) => handleWebhookDeliverJob(deps.database.db, webhooks, job, new Date()));
}
