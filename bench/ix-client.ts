import { parentPort } from 'node:worker_threads';
import { closedLoop } from './closed-loop.js';
import { clientInput } from './http-bench.js';

/**
 * The HTTP client of the InvoiceXpress create-and-finalize bench, in a worker thread: what an
 * InvoiceXpress client does to issue an invoice, `POST /invoices.json` (a draft) then `PUT
 * /invoices/:id/change-state.json` with `finalized`. One latency covers both calls.
 */
const { url, key, body, total, concurrency } = clientInput();
const headers = { accept: 'application/json', 'content-type': 'application/json' };
const finalized = JSON.stringify({ invoice: { state: 'finalized' } });
const call = async (method: string, path: string, payload: string, status: number) => {
  const r = await fetch(`${url}/invoicexpress/${path}?api_key=${encodeURIComponent(key)}`, {
    method,
    headers,
    body: payload,
  });
  if (r.status !== status) throw new Error(`${method} ${path}: HTTP ${r.status}: ${await r.text()}`);
  return (await r.json()) as { invoice: { id: number; status: string } };
};
const issue = async () => {
  const { invoice } = await call('POST', 'invoices.json', body, 201);
  const fin = await call('PUT', `invoices/${invoice.id}/change-state.json`, finalized, 200);
  if (fin.invoice.status !== 'final') throw new Error(`invoice ${invoice.id} is ${fin.invoice.status}, not final`);
};
for (let i = 0; i < 20; i++) await issue(); // warm up
parentPort!.postMessage(await closedLoop(total, concurrency, issue));
