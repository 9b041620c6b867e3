import { Worker } from 'node:worker_threads';
import type { Database } from '../src/infra/db/database.js';
import { createAccount } from '../src/app/accounts/create-account.js';
import { buildServer } from '../src/server/build-server.js';
import { buildServices } from '../src/server/build-services.js';
import { Metrics } from '../src/infra/metrics/metrics.js';
import { DIALECT_DEFAULTS, type Config } from '../src/config.js';
import type { RunFigures } from './closed-loop.js';

export const BENCH_LINES = [
  { description: 'Consultoria', quantity: '2', unitPrice: '45.50', taxName: 'IVA23', productType: 'S' },
  { description: 'Material', quantity: '3', unitPrice: '12.3456', taxName: 'IVA13', discounts: ['5'] },
];

/** Create-and-finalize over real HTTP (server listening on loopback, client in a worker thread), one series. */
export async function benchHttpFinalize(
  database: Database,
  opts: { total: number; concurrency: number },
): Promise<RunFigures> {
  const key = `ftr_test_bench_${Date.now()}_${'x'.repeat(40)}`;
  await database.db.transaction().execute((tx) =>
    createAccount(tx, new Date(), {
      legalName: 'Bench, Lda',
      taxId: '503340855',
      owner: { email: `bench${Date.now()}@example.com` },
      apiKey: key,
    }),
  );
  const config: Config = {
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
  const app = await buildServer(buildServices(config, database, new Metrics()), { logger: false });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  try {
    const body = JSON.stringify({
      type: 'FR',
      finalize: true,
      customer: { name: 'Cliente Bench', taxId: '123456789' },
      lines: BENCH_LINES,
    });
    // The worker loads TypeScript through tsx's API (Node 20 does not pass --import hooks on to workers).
    const entry = new URL('./http-client.ts', import.meta.url).href;
    const client = new Worker(
      `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(entry)}); })`,
      { eval: true, workerData: { url, key, body, ...opts } },
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
