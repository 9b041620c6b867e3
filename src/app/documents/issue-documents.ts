import { sql } from 'kysely';
import type { Ctx, Tx } from '../context.js';
import type { DocumentLineRow, DocumentRow } from '../../infra/db/schema.js';
import { randomUrlToken } from '../accounts/credentials.js';
import { enqueueFinalizeJobs } from './enqueue-finalize-jobs.js';
import { queueSendTo } from '../email/send-to.js';
import type { PreparedDocument } from './prepared-document.js';
import { type CounterRow, finalizeValues } from './finalize-values.js';
import type { DocumentView } from './get-document.js';
import { postStock } from './post-stock.js';

export interface IssueRequest {
  ctx: Ctx;
  /** Prepared with `issue` set: a create-and-finalize that references no other document. */
  prepared: PreparedDocument;
}

/**
 * Group commit per series: issues several prepared create-and-finalize documents of one account in three
 * statements whatever their number. (1) locks the counter rows of their (series, type) pairs and inserts the
 * drafts and their lines; then, in request order, each is numbered, dated and signed (the hash chain runs
 * through the batch); (3) writes the final values and the counters' chain state; (4) adds the outbox jobs. All or
 * nothing: any failure (a date before the last of its series) throws, and the caller issues them one by one.
 */
export async function issueDocuments(tx: Tx, accountId: number, items: IssueRequest[]): Promise<{ id: number; view: DocumentView | null }[]> {
  const tokens = items.map(() => randomUrlToken());
  const pairs = new Map<string, { seriesId: number; type: string }>();
  for (const { prepared: { draft } } of items) pairs.set(`${draft.doc.series_id}|${draft.doc.doc_type}`, { seriesId: draft.doc.series_id, type: draft.doc.doc_type });

  // (1) The no-op upsert locks each counter row (creating it at 0) until commit and returns its chain state.
  const lineRows = await tx
    .with('c', (db) => db.insertInto('series_doc_types')
      .values([...pairs.values()].map((p) => ({ account_id: accountId, series_id: p.seriesId, doc_type: p.type, last_number: 0 })))
      .onConflict((oc) => oc.columns(['account_id', 'series_id', 'doc_type']).doUpdateSet({ last_number: sql`series_doc_types.last_number` }))
      .returning(['series_id', 'doc_type', 'last_number', 'last_hash', 'last_doc_date', 'validation_code']))
    .with('d', (db) => db.insertInto('documents')
      .values(items.map(({ prepared }, i) => ({ ...(prepared.draft.doc as object), account_id: accountId, download_token: tokens[i] }) as never))
      .returning(['id', 'download_token']))
    .with('l', (db) => db.insertInto('document_lines')
      .values(items.flatMap(({ prepared }, i) => prepared.draft.lines.map((l) => ({
        ...l, account_id: accountId, document_id: sql<number>`(SELECT id FROM d WHERE download_token = ${tokens[i]})`,
      }))))
      .returningAll())
    .selectFrom('l').selectAll('l')
    .select([sql<CounterJson[]>`(SELECT json_agg(c) FROM c)`.as('counters'), sql<{ id: number; download_token: string }[]>`(SELECT json_agg(d) FROM d)`.as('docs')])
    .execute();
  const counters = new Map(lineRows[0].counters.map((c) => [`${c.series_id}|${c.doc_type}`, { ...c }]));
  const idOf = new Map(lineRows[0].docs.map((d) => [d.download_token, Number(d.id)]));
  const ids = tokens.map((t) => idOf.get(t)!);

  // (2) Numbers and signatures, in request order (no statement).
  const finals = items.map(({ ctx, prepared: { draft, issue } }, i) => {
    const c = counters.get(`${draft.doc.series_id}|${draft.doc.doc_type}`)!;
    const values = finalizeValues(ctx, draft.doc, issue!.head, { ...c, last_number: c.last_number + 1 }, issue!.key);
    c.last_number = values.document.number;
    if (values.document.hash !== null) c.last_hash = values.document.hash;
    c.last_doc_date = draft.doc.doc_date;
    c.last_system_entry = values.document.system_entry_date;
    return { id: ids[i], ...values.document };
  });

  // (3) The final values and the counters' new chain state.
  const docs = await sql<DocumentRow>`
    WITH s AS (
      UPDATE series_doc_types t SET last_number = c.n, last_hash = c.h, last_doc_date = c.d, last_system_entry = c.e
      FROM (VALUES ${sql.join([...counters.values()].map((c) => sql`(${c.series_id}::bigint, ${c.doc_type}::text, ${c.last_number}::integer, ${c.last_hash}::text, ${c.last_doc_date}::date, ${c.last_system_entry ?? null}::timestamp)`))})
        AS c(series_id, doc_type, n, h, d, e)
      WHERE t.account_id = ${accountId} AND t.series_id = c.series_id AND t.doc_type = c.doc_type)
    UPDATE documents SET status = 'final', number = v.number, doc_no = v.doc_no, system_entry_date = v.e, status_date = v.e,
      hash = v.hash, hash_control = v.hash_control, key_version = v.key_version, atcud = v.atcud, seller = v.seller,
      open_balance = v.open_balance, paid = v.paid, updated_at = now()
    FROM (VALUES ${sql.join(finals.map((f) => sql`(${f.id}::bigint, ${f.number}::integer, ${f.doc_no}::text, ${f.system_entry_date}::timestamp, ${f.hash}::text, ${f.hash_control}::text, ${f.key_version}::integer, ${f.atcud}::text, ${f.seller}::jsonb, ${f.open_balance}::numeric, ${f.paid}::boolean)`))})
      AS v(id, number, doc_no, e, hash, hash_control, key_version, atcud, seller, open_balance, paid)
    WHERE documents.account_id = ${accountId} AND documents.id = v.id
    RETURNING documents.*`.execute(tx).then((r) => new Map(r.rows.map((d) => [d.id, d])));

  // (4) The outbox: render, AT (when switched on), document.finalized (when subscribed), in one statement.
  await enqueueFinalizeJobs(tx, accountId, items.map(({ prepared }, i) => ({ id: ids[i], docType: prepared.draft.doc.doc_type })));

  const out: { id: number; view: DocumentView | null }[] = [];
  for (const [i, { ctx, prepared }] of items.entries()) {
    const doc = docs.get(ids[i])!;
    if (prepared.draft.lines.some((l) => l.item_id !== null)) await postStock(tx, accountId, doc, doc.doc_date);
    if (prepared.sendTo) {
      await queueSendTo(tx, ctx, ids[i], prepared.sendTo); // counts a print: the document row changed again
      out.push({ id: ids[i], view: null });
      continue;
    }
    const { account, series } = prepared.draft;
    const lines: DocumentLineRow[] = lineRows.filter((r) => r.document_id === ids[i])
      .map(({ counters: _c, docs: _d, ...l }) => l).sort((a, b) => a.position - b.position);
    out.push({
      id: ids[i],
      view: {
        doc, lines, seriesCode: series.code, seriesKind: series.kind,
        account: { taxId: account.tax_id, certNo: account.software_cert_number, sandbox: account.sandbox },
        // A document that did not exist before this transaction has no receipts and no derived documents yet.
        settlements: [], derived: [],
      },
    });
  }
  return out;
}

type CounterJson = CounterRow & { series_id: number; doc_type: string; last_system_entry?: string | null };
