import type { Database } from '../src/infra/db/database.js';
import type { RunFigures } from './closed-loop.js';
import { BENCH_CONFIG, benchOverHttp } from './http-bench.js';

export const BENCH_LINES = [
  { description: 'Consultoria', quantity: '2', unitPrice: '45.50', taxName: 'IVA23', productType: 'S' },
  { description: 'Material', quantity: '3', unitPrice: '12.3456', taxName: 'IVA13', discounts: ['5'] },
];

/** Create-and-finalize over real HTTP (server listening on loopback, client in a worker thread), one series. */
export async function benchHttpFinalize(
  database: Database,
  opts: { total: number; concurrency: number },
): Promise<RunFigures> {
  const body = JSON.stringify({
    type: 'FR',
    finalize: true,
    customer: { name: 'Cliente Bench', taxId: '123456789' },
    lines: BENCH_LINES,
  });
  return benchOverHttp(
    database,
    { tag: 'bench', legalName: 'Bench, Lda', config: BENCH_CONFIG, clientFile: 'http-client.ts', body },
    opts,
  );
}
