import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { Config } from '../config.js';
import type { AtDeps } from '../app/at/ports.js';
import type { EmailDeps } from '../app/email/ports.js';
import type { DB } from '../infra/db/schema.js';
import { TransactionBatcher } from '../infra/db/transaction-batcher.js';
import { createAtDeps } from '../integrations/at/runtime.js';
import { createEmailDeps } from '../integrations/email/runtime.js';
import type { Services } from '../server/services.js';

/**
 * TEMPORARY (#11): the services a dialect plugin built for itself before the composition root (src/server/) built
 * them once. Only the old plugin exports (`billptDialect`, `invoicexpressDialect`) use it; it goes with them.
 */
export function legacyServices(
  app: FastifyInstance,
  opts: { db: Kysely<DB>; config: Config; dbKind: 'pglite' | 'postgres' },
): Services {
  let at: AtDeps | undefined;
  let email: EmailDeps | undefined;
  return {
    config: opts.config,
    database: { kind: opts.dbKind, db: opts.db } as Services['database'],
    batcher: new TransactionBatcher(opts.db, { onBatch: (n) => app.metrics?.observeBatch(n) }),
    at: () => (at ??= createAtDeps(opts.config, opts.dbKind, app.metrics)),
    email: () => (email ??= createEmailDeps(opts.config, opts.dbKind)),
    webhooks: () => {
      throw new Error('webhooks are not used by the dialects');
    },
    metrics: app.metrics!,
    pokeWorker: () => undefined,
  };
}
