import type { Config } from '../../config.js';
import type { WebhookDeps } from '../../app/webhooks/ports.js';
import type { WebhookUrlPolicy } from '../../domain/webhooks/endpoint-url.js';
import type { Database } from '../../infra/db/database.js';
import { createSecretBox } from '../secrets/secret-box.js';
import { createHttpSender } from './http-sender.js';

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
