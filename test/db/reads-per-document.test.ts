import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { startTestApp, type TestApp } from '../support/app.js';
import { ixClient, type IxClient } from '../invoicexpress/client.js';
import { cloneDocuments } from '../saft/bulk-documents.js';

/**
 * What one more document reads of `documents` and `document_lines` does not grow with the account's documents:
 * on an account of a few thousand documents over many customers, creates and finalizes through the native API
 * and the InvoiceXpress dialect scan neither table, and the guard triggers read their numbered neighbours through
 * documents_number a few rows at a time. Checked twice: with the statistics a new installation has until its
 * first ANALYZE after growing (those of the empty tables the migrations analyzed), and after ANALYZE.
 * Counted from pg_stat_user_tables / pg_stat_user_indexes (PostgreSQL and PGlite both keep them), not timed.
 */
const EXISTING = 3000;
const CUSTOMERS = 2000;
const N = 6;
/** Index tuples one document may read through one index of `documents`: a handful of probes, never a range. */
const PER_DOCUMENT = 25;

let t: TestApp;
let ix: IxClient;
const db = () => t.db.database.db;

const NATIVE = {
  type: 'FR',
  finalize: true,
  customer: { name: 'Cliente Frequente', taxId: '123456789' },
  lines: [
    { description: 'Consultoria', quantity: '2', unitPrice: '45.50', taxName: 'IVA23', productType: 'S' },
    { description: 'Material', quantity: '3', unitPrice: '12.3456', taxName: 'IVA13', discounts: ['5'] },
  ],
};
const IX_INVOICE = {
  invoice: {
    client: { name: 'Cliente Frequente', code: 'FREQ-1', fiscal_id: '123456789' },
    items: [
      { name: 'Consultoria', description: 'Consultoria', quantity: '2', unit_price: '45.50', tax: { name: 'IVA23' } },
      { name: 'Material', description: 'Material', quantity: '3', unit_price: '12.3456', tax: { name: 'IVA13' } },
    ],
  },
};

async function native(): Promise<void> {
  const r = await t.call('POST', '/v1/documents', NATIVE);
  assert.equal(r.status, 201, JSON.stringify(r.body));
}
async function invoiceXpress(): Promise<void> {
  const c = await ix.call('POST', 'invoices.json', IX_INVOICE);
  assert.equal(c.status, 201, c.text);
  const f = await ix.call('PUT', `invoices/${c.body.invoice.id}/change-state.json`, {
    invoice: { state: 'finalized' },
  });
  assert.equal(f.status, 200, f.text);
}

/** A document of each type in the account's default series, cloned into `EXISTING` more over `CUSTOMERS`. */
async function seed(): Promise<void> {
  const accountId = t.account.accountId;
  for (const type of ['FR', 'FT']) {
    const r = await t.call('POST', '/v1/documents', { ...NATIVE, type, date: '2020-01-01' });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    await cloneDocuments(db(), accountId, r.body.id, {
      month: type === 'FR' ? '2020-02' : '2020-03',
      count: EXISTING / 2,
      firstNumber: 2,
      codes: 50,
      customers: CUSTOMERS,
    });
  }
  // The clones are numbered on without their counters: these follow, as issuing would have moved them.
  await db()
    .transaction()
    .execute(async (tx) => {
      await sql`SET LOCAL session_replication_role = replica`.execute(tx);
      await sql`
      UPDATE series_doc_types c SET last_number = x.n, last_hash = x.h
      FROM (SELECT series_id, doc_type, max(number) AS n, (array_agg(hash ORDER BY number DESC))[1] AS h
            FROM documents WHERE account_id = ${accountId} AND number IS NOT NULL GROUP BY series_id, doc_type) x
      WHERE c.account_id = ${accountId} AND c.series_id = x.series_id AND c.doc_type = x.doc_type`.execute(tx);
    });
}

type Counters = Map<string, { seq: number; tuples: number }>;

/** Every pooled connection flushes its table counters, then they are read (PGlite: its one connection). */
async function counters(): Promise<Counters> {
  const size = t.db.database.poolStats().max;
  let arrived = 0;
  let release!: () => void;
  const all = new Promise<void>((r) => (release = r));
  await Promise.all(
    Array.from({ length: size }, () =>
      db()
        .connection()
        .execute(async (conn) => {
          if (++arrived === size || t.db.database.kind === 'pglite') release();
          await all;
          await sql`SELECT pg_stat_force_next_flush()`.execute(conn);
          await sql`SELECT 1`.execute(conn);
        }),
    ),
  );
  const r = await sql<{ name: string; seq: string; tuples: string }>`
    SELECT relname AS name, seq_scan AS seq, seq_tup_read AS tuples FROM pg_stat_user_tables
     WHERE relname IN ('documents', 'document_lines')
    UNION ALL
    SELECT indexrelname, 0, idx_tup_read FROM pg_stat_user_indexes WHERE relname IN ('documents', 'document_lines')`.execute(
    db(),
  );
  return new Map(r.rows.map((x) => [x.name, { seq: Number(x.seq), tuples: Number(x.tuples) }]));
}

/** N documents by each API after a warm-up of each (connection caches), and what they read. */
async function readsOfMoreDocuments(): Promise<{ seq: Record<string, number>; perDocument: Record<string, number> }> {
  await native();
  await invoiceXpress();
  const before = await counters();
  for (let i = 0; i < N; i++) {
    await native();
    await invoiceXpress();
  }
  const afterwards = await counters();
  const seq: Record<string, number> = {};
  const perDocument: Record<string, number> = {};
  for (const [name, now] of afterwards) {
    const was = before.get(name) ?? { seq: 0, tuples: 0 };
    if (name === 'documents' || name === 'document_lines') seq[name] = now.seq - was.seq;
    else perDocument[name] = (now.tuples - was.tuples) / (2 * N);
  }
  return { seq, perDocument };
}

function assertBounded(r: Awaited<ReturnType<typeof readsOfMoreDocuments>>, indexes: string[] | 'all') {
  assert.deepEqual(r.seq, { documents: 0, document_lines: 0 }, 'sequential scans during the creates');
  for (const [index, n] of Object.entries(r.perDocument))
    if (indexes === 'all' || indexes.includes(index))
      assert.ok(n <= PER_DOCUMENT, `${index}: ${n} index tuples read per document (${JSON.stringify(r.perDocument)})`);
}

before(async () => {
  t = await startTestApp();
  ix = ixClient(t, t.account.apiKey);
  // The first test needs the statistics the migrations left: no autovacuum ANALYZE in between (where it is on).
  for (const table of ['documents', 'document_lines', 'contacts', 'series_doc_types'])
    await sql`ALTER TABLE ${sql.table(table)} SET (autovacuum_enabled = false)`.execute(db());
  await seed();
});
after(async () => {
  await t?.close();
});

test('statistics of the empty tables, a few thousand documents since: no scan, the guards probe their neighbours', async () => {
  const docs = await sql<{ n: number }>`SELECT count(*)::int AS n FROM documents`.execute(db());
  assert.ok(docs.rows[0]!.n > EXISTING, 'the account holds the clones');
  const stale = await sql<{ n: number }>`
    SELECT reltuples::int AS n FROM pg_class WHERE oid = 'documents'::regclass`.execute(db());
  assert.ok(stale.rows[0]!.n < 10, 'the statistics still describe the empty table the migrations analyzed');
  // The numbering guards (migrations 0012, 0013, rewritten in 0019) read documents_number.
  assertBounded(await readsOfMoreDocuments(), 'all');
});

test('after ANALYZE: no scan of documents or document_lines, and no index range read per document', async () => {
  await sql`ANALYZE`.execute(db());
  assertBounded(await readsOfMoreDocuments(), 'all');
});

test("InvoiceXpress finds a client by name or code without scanning the account's contacts", async () => {
  await sql`ANALYZE contacts`.execute(db());
  const scans = async () => {
    await counters();
    const r = await sql<{
      n: string;
    }>`SELECT seq_scan AS n FROM pg_stat_user_tables WHERE relname = 'contacts'`.execute(db());
    return Number(r.rows[0]!.n);
  };
  const before = await scans();
  for (const [path, query] of [
    ['clients/find-by-name.json', { client_name: 'Cliente 7' }],
    ['clients/find-by-code.json', { client_code: 'BULK-C7' }],
  ] as const) {
    const r = await ix.call('GET', path, undefined, { query });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.client.name, 'Cliente 7');
  }
  assert.equal((await scans()) - before, 0, 'sequential scans of contacts');
});
