import { Worker } from 'node:worker_threads';
import type { Database } from '../src/infra/db/database.js';
import { createAccount } from '../src/app/accounts/create-account.js';
import { buildServer } from '../src/server/build-server.js';
import { buildServices } from '../src/server/build-services.js';
import { Metrics } from '../src/infra/metrics/metrics.js';
import { DIALECT_DEFAULTS, type Config } from '../src/config.js';
import type { RunFigures } from './closed-loop.js';

/** The lines of bench/http-finalize.ts, as an InvoiceXpress client sends them (items keyed by name). */
const IX_ITEMS = [
  { name: 'Consultoria', description: 'Consultoria', quantity: '2', unit_price: '45.50', tax: { name: 'IVA23' } },
  {
    name: 'Material',
    description: 'Material',
    quantity: '3',
    unit_price: '12.3456',
    discount: '5',
    tax: { name: 'IVA13' },
  },
];

/**
 * Create-and-finalize through the InvoiceXpress dialect over real HTTP (server on loopback, client in a worker
 * thread): `POST /invoicexpress/invoices.json` then `PUT /invoicexpress/invoices/:id/change-state.json` finalized.
 */
export async function benchIxFinalize(
  database: Database,
  opts: { total: number; concurrency: number },
): Promise<RunFigures> {
  const key = `ftr_test_ixbench_${Date.now()}_${'x'.repeat(40)}`;
  await database.db.transaction().execute((tx) =>
    createAccount(tx, new Date(), {
      legalName: 'Bench IX, Lda',
      taxId: '503340855',
      owner: { email: `ixbench${Date.now()}@example.com` },
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
    dialects: { billpt: DIALECT_DEFAULTS.billpt, invoicexpress: { rateLimitPerMinute: 10_000_000 } },
  };
  const app = await buildServer(buildServices(config, database, new Metrics()), { logger: false });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  try {
    const body = JSON.stringify({
      invoice: { client: { name: 'Cliente Bench', code: 'BENCH-1', fiscal_id: '123456789' }, items: IX_ITEMS },
    });
    const entry = new URL('./ix-client.ts', import.meta.url).href;
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
