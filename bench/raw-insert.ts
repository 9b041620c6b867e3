import { createSign, generateKeyPairSync } from 'node:crypto';
import { sql, type RawBuilder } from 'kysely';
import type { Database } from '../src/infra/db/database.js';
import { closedLoop, type RunFigures } from './closed-loop.js';

/** How the raw rows are written. */
export type RawMode = 'tx-per-doc' | 'statement-per-doc' | 'signed-16-per-tx';

export const RAW_MODES: Record<RawMode, string> = {
  'tx-per-doc': 'one transaction per document (6 statements)',
  'statement-per-doc': 'one statement per document (a DO block)',
  'signed-16-per-tx': 'signed and chained, 16 documents per transaction',
};

const BATCH = 16;
const DATE = '2026-06-01';
const ENTRY = '2026-06-01T10:00:00';
const GROSS = '154.85';
const FAKE_HASH = 'A'.repeat(172);
const CUSTOMER = JSON.stringify({ name: 'Cliente Bench', taxId: '123456789', country: 'PT' });
const SELLER = JSON.stringify({
  name: 'Bench, Lda',
  legalName: 'Bench, Lda',
  tradeName: null,
  taxId: '503340855',
  country: 'PT',
  street: null,
  postalCode: null,
  city: null,
  email: null,
  phone: null,
  website: null,
  companyRegistry: null,
});
const TAX_SUMMARY = JSON.stringify([
  { type: 'IVA', region: 'PT', code: 'NOR', rate: '23', base: '91.00', tax: '20.93', exemptionCode: null },
  { type: 'IVA', region: 'PT', code: 'INT', rate: '13', base: '35.18', tax: '4.57', exemptionCode: null },
]);
const lit = (v: string) => `'${v.replace(/'/g, "''")}'`;

/**
 * The floor to compare the HTTP figures with: the rows a created-and-finalized document writes (counter bump,
 * document, 2 lines, status update, chain state, one outbox row), inserted directly: no HTTP, no validation. Three
 * ways, `concurrency` clients on one series as the app's documents are (so they queue on its counter like the app):
 *  - tx-per-doc: one transaction of 6 statements per document, no signature;
 *  - statement-per-doc: the same in one statement per document (a DO block, literals inlined), no signature;
 *  - signed-16-per-tx: 16 documents per transaction, multi-row statements, each signed with RSA-SHA1 (1024 bits,
 *    as the app's keys) over the previous one's signature, as the chain requires.
 */
export async function benchRawInsert(
  database: Database,
  opts: { accountId: number; total: number; concurrency: number; mode: RawMode },
): Promise<RunFigures> {
  const { db } = database;
  const account = { id: opts.accountId };
  const series = await db
    .insertInto('series')
    .values({ account_id: account.id, code: `RAW${Date.now()}` })
    .returning('id')
    .executeTakeFirstOrThrow();
  const contact = await db
    .insertInto('contacts')
    .values({ account_id: account.id, code: `RAW${series.id}`, name: 'Cliente Bench', tax_id: '123456789' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const a = account.id;
  const s = series.id;
  const token = (n: number | string) => `raw${s}_${n}`;
  const draft = (n: number | string) => ({
    account_id: a,
    doc_type: 'FR',
    series_id: s,
    doc_date: DATE,
    contact_id: contact.id,
    customer: CUSTOMER,
    seller: SELLER,
    load_address: JSON.stringify(null),
    unload_address: JSON.stringify(null),
    net_total: '128.18',
    tax_total: '26.67',
    gross_total: GROSS,
    payable_total: GROSS,
    tax_summary: TAX_SUMMARY,
    download_token: token(n),
  });
  const lines = (documentId: number) =>
    [1, 2].map((position) => ({
      account_id: a,
      document_id: documentId,
      position,
      code: 'X',
      description: 'X',
      quantity: '1',
      unit_price: '1',
      tax_type: 'IVA',
      tax_region: 'PT',
      tax_code: 'NOR',
      tax_rate: '23',
      net_amount: '1',
      unit_net_price: '1',
      net_total: '1',
      tax_total: '0.23',
      gross_total: '1.23',
    }));
  const job = (documentId: number) => ({
    account_id: a,
    kind: 'pdf.render',
    payload: JSON.stringify({ documentId }),
    dedupe_key: String(documentId),
    max_attempts: 5,
  });
  const bump = (by: number) => sql<{ last_number: number; last_hash: string | null }>`
    UPDATE series_doc_types SET last_number = last_number + ${by}
    WHERE account_id = ${a} AND series_id = ${s} AND doc_type = 'FR'
    RETURNING last_number, last_hash`;
  const chain = (hash: string): RawBuilder<unknown> =>
    sql`UPDATE series_doc_types SET last_hash = ${hash} WHERE account_id = ${a} AND series_id = ${s} AND doc_type = 'FR'`;

  // NOTE: the counter row exists before the timed loop, which only updates it. An upsert in the loop
  // (`INSERT … ON CONFLICT (account_id, series_id, doc_type) DO UPDATE`) still failed now and then with 23505 on the
  // second unique index (series_doc_types_code_key, migration 0022), which that arbiter does not cover, at c=32.
  // The product creates counters under the series lock and numbers with an UPDATE.
  await sql`INSERT INTO series_doc_types (account_id, series_id, doc_type, last_number) VALUES (${a}, ${s}, 'FR', 0)
    ON CONFLICT DO NOTHING`.execute(db);
  const counter =
    await sql`SELECT 1 FROM series_doc_types WHERE account_id = ${a} AND series_id = ${s} AND doc_type = 'FR'`.execute(
      db,
    );
  if (!counter.rows.length) throw new Error('the raw baselines need the FR counter of the bench series');

  if (opts.mode === 'tx-per-doc')
    return closedLoop(opts.total, opts.concurrency, async (i) => {
      await db.transaction().execute(async (tx) => {
        const n = (await bump(1).execute(tx)).rows[0].last_number;
        const doc = await tx
          .insertInto('documents')
          .values(draft(`t${i}`))
          .returning('id')
          .executeTakeFirstOrThrow();
        await tx.insertInto('document_lines').values(lines(doc.id)).execute();
        await tx
          .updateTable('documents')
          .set({
            status: 'final',
            number: n,
            doc_no: `FR RAW/${n}`,
            system_entry_date: ENTRY,
            hash: FAKE_HASH,
            hash_control: '1',
            atcud: '0',
          })
          .where('id', '=', doc.id)
          .execute();
        await chain(FAKE_HASH).execute(tx);
        await tx.insertInto('jobs').values(job(doc.id)).execute();
      });
    });

  if (opts.mode === 'statement-per-doc') {
    const d = draft('TOKEN');
    const columns = Object.keys(d).join(', ');
    const values = Object.values(d)
      .map((v) => (typeof v === 'number' ? String(v) : lit(String(v))))
      .join(', ');
    const line = (p: number) =>
      `(${a}, doc, ${p}, 'X', 'X', '1', '1', 'IVA', 'PT', 'NOR', '23', '1', '1', '1', '0.23', '1.23')`;
    const block = (i: number) => `DO $$
DECLARE n int; doc bigint;
BEGIN
  UPDATE series_doc_types SET last_number = last_number + 1
    WHERE account_id = ${a} AND series_id = ${s} AND doc_type = 'FR'
    RETURNING last_number INTO n;
  INSERT INTO documents (${columns}) VALUES (${values.replace(lit(token('TOKEN')), lit(token(`s${i}`)))}) RETURNING id INTO doc;
  INSERT INTO document_lines (account_id, document_id, position, code, description, quantity, unit_price, tax_type,
    tax_region, tax_code, tax_rate, net_amount, unit_net_price, net_total, tax_total, gross_total)
    VALUES ${line(1)}, ${line(2)};
  UPDATE documents SET status = 'final', number = n, doc_no = 'FR RAW/' || n, system_entry_date = '${ENTRY}',
    hash = '${FAKE_HASH}', hash_control = '1', atcud = '0' WHERE id = doc;
  UPDATE series_doc_types SET last_hash = '${FAKE_HASH}' WHERE account_id = ${a} AND series_id = ${s} AND doc_type = 'FR';
  INSERT INTO jobs (account_id, kind, payload, dedupe_key, max_attempts)
    VALUES (${a}, 'pdf.render', jsonb_build_object('documentId', doc), doc::text, 5);
END $$`;
    return closedLoop(opts.total, opts.concurrency, async (i) => void (await sql.raw(block(i)).execute(db)));
  }

  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
  const sign = (n: number, previous: string | null) =>
    createSign('RSA-SHA1')
      .update(`${DATE};${ENTRY};FR RAW/${n};${GROSS};${previous ?? ''}`)
      .sign(privateKey, 'base64');
  const batches = Math.ceil(opts.total / BATCH);
  const figures = await closedLoop(batches, opts.concurrency, async (b) => {
    await db.transaction().execute(async (tx) => {
      const counter = (await bump(BATCH).execute(tx)).rows[0];
      const first = counter.last_number - BATCH + 1;
      const docs = await tx
        .insertInto('documents')
        .values(Array.from({ length: BATCH }, (_, i) => draft(`b${b}_${i}`)))
        .returning('id')
        .execute();
      await tx
        .insertInto('document_lines')
        .values(docs.flatMap((d) => lines(d.id)))
        .execute();
      let previous = counter.last_number === BATCH ? null : counter.last_hash;
      const signed = docs.map((d, i) => {
        const n = first + i;
        previous = sign(n, previous);
        return sql`(${d.id}::bigint, ${n}::int, ${`FR RAW/${n}`}::text, ${previous}::text)`;
      });
      await sql`
        UPDATE documents d SET status = 'final', number = v.n, doc_no = v.no, system_entry_date = ${ENTRY},
          hash = v.h, hash_control = '1', atcud = '0'
        FROM (VALUES ${sql.join(signed)}) AS v(id, n, no, h) WHERE d.id = v.id`.execute(tx);
      await chain(previous!).execute(tx);
      await tx
        .insertInto('jobs')
        .values(docs.map((d) => job(d.id)))
        .execute();
    });
  });
  // Per document: one closed-loop iteration is a batch of 16; its latency is the batch's.
  return {
    ...figures,
    documents: figures.documents * BATCH,
    perSecond: figures.perSecond * BATCH,
  };
}
