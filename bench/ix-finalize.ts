import type { Database } from '../src/infra/db/database.js';
import type { RunFigures } from './closed-loop.js';
import { BENCH_CONFIG, benchOverHttp } from './http-bench.js';

/** The lines of bench/sustained.ts (BENCH_LINES), as an InvoiceXpress client sends them (items keyed by name). */
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
  const body = JSON.stringify({
    invoice: { client: { name: 'Cliente Bench', code: 'BENCH-1', fiscal_id: '123456789' }, items: IX_ITEMS },
  });
  const config = {
    ...BENCH_CONFIG,
    dialects: { ...BENCH_CONFIG.dialects, invoicexpress: { rateLimitPerMinute: 10_000_000 } },
  };
  return benchOverHttp(
    database,
    { tag: 'ixbench', legalName: 'Bench IX, Lda', config, clientFile: 'ix-client.ts', body },
    opts,
  );
}
