import type { Config } from '../../config.js';
import type { AtDeps } from '../../app/at/ports.js';
import { AT_INVOICE_JOB, AT_TRANSPORT_JOB } from '../../app/at/enqueue-at-communication.js';
import { handleAtJob } from '../../app/at/handle-at-job.js';
import type { Database } from '../../infra/db/database.js';
import type { JobWorker } from '../../infra/jobs/worker.js';
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

/** Registers the outbox handlers that talk to AT. */
export function registerAtJobHandlers(
  worker: JobWorker,
  deps: { database: Database; config: Config; metrics?: Metrics },
): void {
  const at = createAtDeps(deps.config, deps.database.kind, deps.metrics);
  const handler = (job: Parameters<typeof handleAtJob>[2]) => handleAtJob(deps.database.db, at, job, new Date());
  worker.register(AT_TRANSPORT_JOB, handler).register(AT_INVOICE_JOB, handler);
}
