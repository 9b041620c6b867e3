import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.js';
import { ensureSandboxAccount, type SandboxBootstrap } from '../app/accounts/ensure-sandbox-account.js';
import { openDatabase, type Database } from '../infra/db/database.js';
import { migrate } from '../infra/db/migrate.js';
import { syncReferenceData } from '../infra/db/sync-reference-data.js';
import { JobWorker, type WorkerOptions } from '../infra/jobs/worker.js';
import { Metrics } from '../infra/metrics/metrics.js';
import { buildServer } from './build-server.js';
import { buildServices } from './build-services.js';
import { registerJobHandlers } from './jobs.js';
import type { Services } from './services.js';
import { warmUpAfterListen } from './warm-up.js';

export interface AssembledApp {
  app: FastifyInstance;
  /** The outbox worker, with every job handler registered; not started. */
  worker: JobWorker;
  services: Services;
}

/**
 * The process on an open, migrated database: its metrics, the outbox worker, the services (built once, shared by
 * the routes and the job handlers) and the HTTP server. Nothing is started.
 */
export async function assembleApp(
  config: Config,
  database: Database,
  opts: { logger?: boolean; worker?: Omit<WorkerOptions, 'onError' | 'onResult'> } = {},
): Promise<AssembledApp> {
  const metrics = new Metrics();
  let log: FastifyInstance['log'] | undefined;
  const worker = new JobWorker(database.db, {
    ...opts.worker,
    onError: (job, err) =>
      log?.warn(
        { jobId: job.id, kind: job.kind, attempt: job.attempts, err: err instanceof Error ? err.message : String(err) },
        'job failed',
      ),
    onResult: (job, outcome, seconds) => metrics.jobResult(job.kind, outcome, seconds),
  });
  const services = buildServices(config, database, metrics, worker);
  registerJobHandlers(worker, services);
  const app = await buildServer(services, { logger: opts.logger });
  log = app.log;
  return { app, worker, services };
}

export interface RunningApp {
  app: FastifyInstance;
  worker: JobWorker;
  database: Database;
  /**
   * Creates the sandbox account on an empty database (and adds BOOTSTRAP_API_KEY if missing). Called once the port
   * is bound, so a start that fails to listen never creates a key it could not show.
   */
  ensureSandbox(): Promise<SandboxBootstrap>;
  close(): Promise<void>;
}

/** Opens the database (PGlite in DATA_DIR, locked, or DATABASE_URL), migrates, and assembles the process. */
export async function createApp(config: Config, opts: { logger?: boolean } = {}): Promise<RunningApp> {
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: config.dbPoolSize,
    maxPreparedPerConnection: config.dbPreparedStatements,
    pgliteThread: config.pgliteThread,
  });
  try {
    await migrate(database);
    await syncReferenceData(database);
    const { app, worker } = await assembleApp(config, database, opts);
    warmUpAfterListen(app, database);
    if (config.runWorker) worker.start();
    return {
      app,
      worker,
      database,
      // NODE_ENV=production: no automatic sandbox account (and so no key to print); the first one is made explicitly.
      ensureSandbox: () =>
        database.db
          .transaction()
          .execute((tx) =>
            ensureSandboxAccount(tx, new Date(), config.bootstrapApiKey, { create: !config.production }),
          ),
      async close() {
        const started = Date.now();
        await app.close();
        await worker.stop();
        await database.close();
        app.log.info(
          { closeMs: Date.now() - started, uptimeSeconds: Math.round(process.uptime()) },
          'Faturador stopped: HTTP closed, worker idle, database closed',
        );
      },
    };
  } catch (err) {
    await database.close().catch(() => undefined);
    throw err;
  }
}
