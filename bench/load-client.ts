/**
 * The bench's HTTP client, in a process of its own so that neither its CPU nor its event loop is charged to the
 * server's. `node --import tsx bench/load-client.ts '<json>'`; it warms up, prints `ready`, waits for `go` on stdin,
 * then prints its figures as one JSON line (`stop` on stdin ends a probe).
 *  - issue: `total` create-and-finalize POSTs, `concurrency` at a time (closed loop); with `api: 'invoicexpress'`,
 *    what an InvoiceXpress client does instead: POST /invoicexpress/invoices.json (a draft), then PUT
 *    …/change-state.json finalized (one latency covers both calls);
 *  - probe: a cheap GET every `intervalMs`, one at a time, until `stop`;
 *  - pdf: create-and-finalize, then time from the answer until GET /v1/documents/{id}/pdf returns the PDF.
 */
import { createInterface } from 'node:readline';
import { performance } from 'node:perf_hooks';
import { closedLoop, figures } from './closed-loop.js';

export type ClientPlan =
  | {
      mode: 'issue';
      api?: 'native' | 'invoicexpress';
      url: string;
      key: string;
      body: string;
      total: number;
      concurrency: number;
      warmup: number;
    }
  | { mode: 'probe'; url: string; key: string; path: string; intervalMs: number }
  | { mode: 'pdf'; url: string; key: string; body: string; total: number; concurrency: number };

const plan = JSON.parse(process.argv[2]) as ClientPlan;
const auth = { authorization: `Bearer ${plan.key}` };
const lines = createInterface({ input: process.stdin });
const commands: string[] = [];
let wake: (() => void) | undefined;
lines.on('line', (l) => {
  commands.push(l.trim());
  wake?.();
});
const command = async (want: string) => {
  for (;;) {
    const i = commands.indexOf(want);
    if (i >= 0) return void commands.splice(i, 1);
    await new Promise<void>((r) => (wake = r));
  }
};
const say = (line: string) => process.stdout.write(`${line}\n`);

async function issue(body: string): Promise<number> {
  const r = await fetch(`${plan.url}/v1/documents`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body,
  });
  const text = await r.text();
  if (r.status !== 201) throw new Error(`POST /v1/documents: HTTP ${r.status}: ${text.slice(0, 500)}`);
  return (JSON.parse(text) as { id: number }).id;
}

const IX_HEADERS = { accept: 'application/json', 'content-type': 'application/json' };
const IX_FINALIZED = JSON.stringify({ invoice: { state: 'finalized' } });

async function ixCall(method: string, path: string, payload: string, status: number) {
  const r = await fetch(`${plan.url}/invoicexpress/${path}?api_key=${encodeURIComponent(plan.key)}`, {
    method,
    headers: IX_HEADERS,
    body: payload,
  });
  const text = await r.text();
  if (r.status !== status) throw new Error(`${method} ${path}: HTTP ${r.status}: ${text.slice(0, 500)}`);
  return JSON.parse(text) as { invoice: { id: number; status: string } };
}

async function ixIssue(body: string): Promise<void> {
  const { invoice } = await ixCall('POST', 'invoices.json', body, 201);
  const fin = await ixCall('PUT', `invoices/${invoice.id}/change-state.json`, IX_FINALIZED, 200);
  if (fin.invoice.status !== 'final') throw new Error(`invoice ${invoice.id} is ${fin.invoice.status}, not final`);
}

async function get(path: string, accept?: string): Promise<void> {
  const r = await fetch(`${plan.url}${path}`, { headers: { ...auth, ...(accept ? { accept } : {}) } });
  const bytes = await r.arrayBuffer();
  if (r.status !== 200)
    throw new Error(`GET ${path}: HTTP ${r.status}: ${Buffer.from(bytes).toString().slice(0, 500)}`);
}

try {
  if (plan.mode === 'issue') {
    const body = plan.body;
    const one = plan.api === 'invoicexpress' ? () => ixIssue(body) : async () => void (await issue(body));
    for (let i = 0; i < plan.warmup; i++) await one();
    say('ready');
    await command('go');
    say(JSON.stringify(await closedLoop(plan.total, plan.concurrency, one)));
  } else if (plan.mode === 'probe') {
    for (let i = 0; i < 5; i++) await get(plan.path);
    say('ready');
    await command('go');
    const latencies: number[] = [];
    let stopped = false;
    void command('stop').then(() => (stopped = true));
    const t0 = performance.now();
    while (!stopped) {
      const s = performance.now();
      await get(plan.path);
      const took = performance.now() - s;
      latencies.push(took);
      await new Promise((r) => setTimeout(r, Math.max(0, plan.intervalMs - took)));
    }
    say(JSON.stringify(figures(latencies, (performance.now() - t0) / 1000)));
  } else {
    const { body, total, concurrency } = plan;
    for (let i = 0; i < 3; i++) await get(`/v1/documents/${await issue(body)}/pdf`, 'application/pdf');
    say('ready');
    await command('go');
    const waits: number[] = [];
    let next = 0;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next++ < total) {
          const id = await issue(body);
          const answered = performance.now();
          await get(`/v1/documents/${id}/pdf`, 'application/pdf');
          waits.push(performance.now() - answered);
        }
      }),
    );
    say(JSON.stringify(figures(waits, (performance.now() - t0) / 1000)));
  }
  process.exit(0); // idle keep-alive sockets would hold the process for seconds
} catch (err) {
  say(JSON.stringify({ error: (err as Error).message }));
  process.exit(1);
}
