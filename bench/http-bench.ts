import { Worker, workerData } from 'node:worker_threads';
import type { Database } from '../src/infra/db/database.js';
import { createAccount } from '../src/app/accounts/create-account.js';
import { buildServer } from '../src/server/build-server.js';
import { buildServices } from '../src/server/build-services.js';
import { Metrics } from '../src/infra/metrics/metrics.js';
import { DIALECT_DEFAULTS, type Config } from '../src/config.js';
import type { RunFigures } from './closed-loop.js';

/** The benches' server: on loopback, no rate limit in the way, silent, no job worker. */
export const BENCH_CONFIG: Config = {
  host: '127.0.0.1',
  port: 0,
  dataDir: '',
  rateLimitPerMinute: 10_000_000,
  dbPoolSize: 20,
  logLevel: 'silent',
  publicUrl: 'http://127.0.0.1',
  runWorker: false,
  dialects: { ...DIALECT_DEFAULTS },
};

/** What the parent hands a bench client (bench/*-client.ts) in its worker thread. */
export interface ClientInput {
  url: string;
  key: string;
  body: string;
  total: number;
  concurrency: number;
}

/** In a bench client: its input. */
export const clientInput = () => workerData as ClientInput;

/**
 * A closed-loop run over real HTTP: a fresh account (`tag` names it), the server listening on loopback with `config`,
 * and the client `clientFile` (next to this file) in a worker thread posting `body`; its figures.
 */
export async function benchOverHttp(
  database: Database,
  run: { tag: string; legalName: string; config: Config; clientFile: string; body: string },
  opts: { total: number; concurrency: number },
): Promise<RunFigures> {
  const key = `ftr_test_${run.tag}_${Date.now()}_${'x'.repeat(40)}`;
  await database.db.transaction().execute((tx) =>
    createAccount(tx, new Date(), {
      legalName: run.legalName,
      taxId: '503340855',
      owner: { email: `${run.tag}${Date.now()}@example.com` },
      apiKey: key,
    }),
  );
  const app = await buildServer(buildServices(run.config, database, new Metrics()), { logger: false });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  try {
    // The worker loads TypeScript through tsx's API (Node 20 does not pass --import hooks on to workers).
    const entry = new URL(`./${run.clientFile}`, import.meta.url).href;
    const input: ClientInput = { url, key, body: run.body, ...opts };
    const client = new Worker(
      `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(entry)}); })`,
      { eval: true, workerData: input },
    );
    return await new Promise<RunFigures>((resolve, reject) => {
      client.once('message', resolve);
      client.once('error', reject);
      client.once('exit', (code) => reject(new Error(`bench client exited with ${code}`)));
    });
  } finally {
    await app.close();
  }
}
