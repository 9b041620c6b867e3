import type { FastifyInstance } from 'fastify';
import type { Config } from './config.js';
import { openDatabase, type Database } from './infra/db/database.js';
import { migrate } from './infra/db/migrate.js';
import { syncReferenceData } from './infra/db/sync-reference-data.js';
import { buildServer } from './http/server.js';
import { JobWorker } from './infra/jobs/worker.js';
import { registerJobHandlers } from './jobs.js';
import { Metrics } from './infra/metrics/metrics.js';
import { ensureSandboxAccount, type SandboxBootstrap } from './app/accounts/ensure-sandbox-account.js';

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

/** Opens the database (PGlite in DATA_DIR, locked, or DATABASE_URL), migrates, and builds the HTTP server. */
export async function createApp(config: Config, opts: { logger?: boolean } = {}): Promise<RunningApp> {
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: config.dbPoolSize,
  });
  try {
    await migrate(database);
    await syncReferenceData(database);
    const metrics = new Metrics();
    const worker = new JobWorker(database.db, {
      onError: (job, err) =>
        app.log.warn(
          {
            jobId: job.id,
            kind: job.kind,
            attempt: job.attempts,
            err: err instanceof Error ? err.message : String(err),
          },
          'job failed',
        ),
      onResult: (job, outcome, seconds) => metrics.jobResult(job.kind, outcome, seconds),
    });
    registerJobHandlers(worker, { database, config, metrics });
    const app = await buildServer({ database, config, logger: opts.logger, worker, metrics });
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

export function startupBanner(config: Config, address: string, sandbox: SandboxBootstrap): string {
  const lines = [
    `Faturador listening on ${address} (${config.databaseUrl ? 'PostgreSQL' : `embedded PGlite in ${config.dataDir}`})`,
    config.docs === false
      ? `OpenAPI: ${config.publicUrl}/openapi.json`
      : `API docs: ${config.publicUrl}/docs   OpenAPI: ${config.publicUrl}/openapi.json`,
  ];
  if (sandbox.created) lines.push('Created a sandbox account (documents without legal validity).');
  if (sandbox.accountId === null) {
    lines.push(
      'No account yet: create the first with faturador account create --name "…" --tax-id … --email … [--production]',
    );
    return lines.join('\n');
  }
  // BOOTSTRAP_API_KEY is the operator's secret, already known to them: never printed, the curl names the variable.
  const key = config.bootstrapApiKey ? '$BOOTSTRAP_API_KEY' : sandbox.apiKey;
  if (config.bootstrapApiKey) lines.push('API key: the BOOTSTRAP_API_KEY you set (not printed).');
  else if (sandbox.apiKey) lines.push(`API key: ${sandbox.apiKey}`, '(shown once: store it now)');
  if (key) {
    lines.push(
      'Create and finalize an invoice:',
      `curl -s ${config.publicUrl}/v1/documents -H "Authorization: Bearer ${key}" -H 'Content-Type: application/json' -d '{"type":"FT","finalize":true,"customer":{"name":"Cliente Exemplo","taxId":"123456789"},"lines":[{"description":"Consultoria","quantity":"1","unitPrice":"100.00","taxName":"IVA23"}]}'`,
    );
  } else {
    lines.push(`Create an API key with: npx faturador apikey create --account ${sandbox.accountId}`);
  }
  return lines.join('\n');
}

/**
 * The start-up announcement: a log record like every other (JSON on stdout, no secret in it), and the readable
 * banner, with a generated sandbox key when there is one, on stderr, so it never mixes into the JSON stream.
 */
export function announceStart(app: FastifyInstance, config: Config, address: string, sandbox: SandboxBootstrap): void {
  app.log.info(
    {
      address,
      database: config.databaseUrl ? 'postgres' : 'pglite',
      worker: config.runWorker,
      production: !!config.production,
      docs: config.docs !== false,
      sandboxCreated: sandbox.created,
      firstAccountId: sandbox.accountId,
    },
    'Faturador started',
  );
  process.stderr.write(`${startupBanner(config, address, sandbox)}\n`);
}
