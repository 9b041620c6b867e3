/**
 * Create-and-finalize throughput of a Belgian seller beside a Portuguese one (issue #16): on the same server and
 * database, BENCH_BE_DOCS documents (default 1,000) at the same concurrency, measured as the main throughput figure
 * is (bench/sustained.ts: client process, outbox drained, CPU ms per document of Node and PostgreSQL). The PT run
 * issues the main figure's FR; the BE run a Belgian invoice (FT, one 21 % and one 6 % line, an OGM from its id).
 * bench/run.ts runs it on each database after the other runs (BENCH_BE=0 skips it);
 * `node --import tsx bench/be-create.ts` runs it alone on a fresh database (BENCH_DB as in run.ts).
 */
import { pathToFileURL } from 'node:url';
import { createAccount } from '../src/app/accounts/create-account.js';
import { fmt, infoRow, printSection, progress, type Row } from './report.js';
import { freshDatabase, startServer, type BenchDb, type BenchServer } from './server.js';
import { ISSUE_BODY, sustainedRun, type Sustained } from './sustained.js';

/** The Belgian document: the main figure's two lines at Belgian rates, to a Belgian company. */
export const BE_ISSUE_BODY = JSON.stringify({
  type: 'FT',
  finalize: true,
  customer: { name: 'Client Bench NV', taxId: 'BE0202239951', country: 'BE', city: 'Brussel' },
  lines: [
    { description: 'Consultancy', quantity: '2', unitPrice: '45.50', taxRate: '21', productType: 'S' },
    { description: 'Materiaal', quantity: '3', unitPrice: '12.3456', taxRate: '6', discounts: ['5'] },
  ],
});

const LABEL: Record<BenchDb, string> = { postgres: 'PostgreSQL', pglite: 'PGlite' };

/** A Belgian sandbox account on the bench server's database, with an API key of its own. */
async function belgianSeller(server: BenchServer): Promise<BenchServer> {
  const key = `ftr_test_bench_be_${Date.now()}_${'x'.repeat(40)}`;
  const { accountId } = await server.running.database.db.transaction().execute((tx) =>
    createAccount(tx, new Date(), {
      legalName: 'Bench BV',
      taxId: '0412.345.614',
      country: 'BE',
      street: 'Wetstraat 16',
      postalCode: '1000',
      city: 'Brussel',
      owner: { email: `bench-be${Date.now()}@example.com` },
      apiKey: key,
    }),
  );
  return { ...server, key, accountId };
}

function rows(db: BenchDb, country: 'PT' | 'BE', r: Sustained): Row[] {
  const tag = `${LABEL[db]} ${country} create + finalize c=${r.concurrency}`;
  return [
    infoRow(
      `${tag}: answered / drained docs/s (${r.answered.documents} docs)`,
      `${fmt(r.answered.perSecond)} / ${fmt(r.drainedPerSecond)}`,
      r.load,
    ),
    infoRow(
      `${tag}: Node / PostgreSQL CPU ms/doc`,
      `${fmt(r.nodeCpuMsPerDoc, 2)} / ${db === 'pglite' ? 'in Node' : fmt(r.pgCpuMsPerDoc, 2)}`,
      r.load,
    ),
  ];
}

/** The PT run then the BE run, each `total` documents at `concurrency`, on a running bench server. */
export async function benchBeCreate(
  db: BenchDb,
  server: BenchServer,
  opts: { total?: number; concurrency: number },
): Promise<Row[]> {
  const total = opts.total ?? Number(process.env.BENCH_BE_DOCS ?? 1000);
  const be = await belgianSeller(server);
  progress(`${LABEL[db]}: PT beside BE, ${total} documents each at c=${opts.concurrency}`);
  const pt = await sustainedRun(server, { total, concurrency: opts.concurrency, body: ISSUE_BODY });
  const belgian = await sustainedRun(be, { total, concurrency: opts.concurrency, body: BE_ISSUE_BODY });
  return [
    ...rows(db, 'PT', pt),
    ...rows(db, 'BE', belgian),
    infoRow(
      `${LABEL[db]} BE ÷ PT drained docs/s`,
      `${fmt((belgian.drainedPerSecond ?? 0) / (pt.drainedPerSecond ?? Infinity), 2)}×`,
      belgian.load,
    ),
  ];
}

export const BE_NOTES = [
  'Same server and database as the runs above, one after the other: PT = the main figure’s FR (2 lines, 23 %/13 %),',
  'BE = a Belgian FT (the same 2 lines at 21 %/6 %, OGM; no chain, ATCUD or AT job). BENCH_BE_DOCS each.',
];

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const env = process.env;
  const dbs: BenchDb[] =
    env.BENCH_DB === 'postgres' || env.BENCH_DB === 'pglite' ? [env.BENCH_DB] : ['postgres', 'pglite'];
  const found: Row[] = [];
  for (const db of dbs) {
    const fresh = await freshDatabase(db, 'be');
    if (!fresh) continue;
    try {
      const server = await startServer(fresh);
      try {
        found.push(...(await benchBeCreate(db, server, { concurrency: 32 })));
      } finally {
        await server.close();
      }
    } finally {
      await fresh.drop();
    }
  }
  printSection('Belgian seller: create-and-finalize beside PT (bench/be-create.ts)', found, BE_NOTES);
}
