import type { Config } from '../../config.js';
import type { AtDeps } from '../../app/at/ports.js';
import type { Database } from '../../infra/db/database.js';
import { createAtGateway } from './gateway.js';
import { createSecretBox } from '../secrets/secret-box.js';
import type { Metrics } from '../../infra/metrics/metrics.js';
import { meteredAtGateway } from '../metered-ports.js';

/**
 * The AT collaborators for one process: SOAP gateway and credential sealing, from the configuration. With `metrics`,
 * every webservice call is counted by operation and outcome.
 */
export function createAtDeps(config: Config, dbKind: Database['kind'], metrics?: Metrics): AtDeps {
  const gateway = createAtGateway(config.at ?? {});
  return {
    gateway: metrics ? meteredAtGateway(gateway, metrics) : gateway,
    secrets: createSecretBox({
      secretKey: config.secretKey,
      dataDir: config.dataDir || undefined,
      embedded: dbKind === 'pglite',
    }),
  };
}
