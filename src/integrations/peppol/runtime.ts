import type { Config } from '../../config.js';
import type { AccessPoint, AccessPointConfig, PeppolDeps, SmpClient } from '../../app/peppol/ports.js';
import type { Database } from '../../infra/db/database.js';
import { createSecretBox } from '../secrets/secret-box.js';
import { webhookUrlPolicy } from '../webhooks/runtime.js';
import { createGatewayClient } from './gateway-client.js';
import { createServiceProviderClient } from './service-provider-client.js';
import { createSmpClient } from './smp-client.js';

/**
 * The Peppol collaborators of one process: an AccessPoint per account configuration (service provider or gateway),
 * SMP clients, and the secret box that seals access-point keys and tokens (FATURADOR_SECRET_KEY, own context).
 * Every call is bounded by PEPPOL_TIMEOUT_MS; lookups are cached in the database for PEPPOL_LOOKUP_CACHE_SECONDS.
 */
export function createPeppolDeps(config: Config, dbKind: Database['kind']): PeppolDeps {
  const timeoutMs = config.peppolTimeoutMs ?? 30_000;
  // An account names its access point and SMP: the webhook URL policy keeps them off private networks.
  const { allowPrivateNetworks } = webhookUrlPolicy(config);
  return {
    accessPoint: (c: AccessPointConfig): AccessPoint =>
      c.kind === 'service-provider'
        ? createServiceProviderClient({
            baseUrl: c.baseUrl,
            apiKey: c.apiKey,
            registrationId: c.registrationId,
            timeoutMs,
            allowPrivateNetworks,
          })
        : createGatewayClient({ url: c.url, token: c.token, timeoutMs, allowPrivateNetworks }),
    // The installation's own SMP (PEPPOL_SMP_URL) is the administrator's choice, wherever it is.
    smp: (url: string): SmpClient =>
      createSmpClient({
        url,
        timeoutMs,
        allowPrivateNetworks: allowPrivateNetworks || (!!config.peppolSmpUrl && url === config.peppolSmpUrl),
      }),
    secrets: createSecretBox({
      secretKey: config.secretKey,
      dataDir: config.dataDir || undefined,
      embedded: dbKind === 'pglite',
    }),
    lookupCacheSeconds: config.peppolLookupCacheSeconds ?? 3600,
  };
}
