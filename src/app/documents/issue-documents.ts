import { sql } from 'kysely';
import type { Ctx, Tx } from '../context.js';
import type { DocumentLineRow, DocumentRow } from '../../infra/db/schema.js';
import { randomUrlToken } from '../accounts/credentials.js';
import { enqueueFinalizeJobs } from './enqueue-finalize-jobs.js';
import { queueSendTo } from '../email/send-to.js';
import type { PreparedDocument } from './prepared-document.js';
import { type CounterRow, ENTRY_TIME, finalizeValues } from './finalize-values.js';
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
export async function issueDocuments(
  tx: Tx,
  accountId: number,
  items: IssueRequest[],
): Promise<{ id: number; view: DocumentView | null }[]> {
  const tokens = items.map(() => randomUrlToken());
  const pairs = new Map<string, { seriesId: number; type: string }>();
  for (const {
    prepared: { draft },
  } of items)
    pairs.set(`${draft.doc.series_id}|${draft.doc.doc_type}`, {
      seriesId: draft.doc.series_id,
      type: draft.doc.doc_type,
    });
  const counterKeys = lockOrder([...pairs.values()]);

  // The rows go in as two JSON parameters (rather than a parameter per value): far less to encode and bind.
  const newDocs = items.map(({ prepared }, i) => ({
    ...prepared.draft.doc,
    account_id: accountId,
    download_token: tokens[i],
  }));
  const newLines = items.flatMap(({ prepared }, i) =>
    prepared.draft.lines.map((l) => ({ ...l, account_id: accountId, download_token: tokens[i] })),
  );
  const docCols = definedKeys(newDocs);
  const lineCols = definedKeys(newLines).filter((k) => k !== 'download_token');

  // (1) The no-op upsert locks each counter row (creating it at 0) until commit, in the global lock order, and
  // returns its chain state and the entry time read under the lock.
  const lineRows = (
    await sql<DocumentLineRow & { counters: CounterJson[]; docs: { id: number; download_token: string }[] }>`
    WITH c AS (
      INSERT INTO series_doc_types (account_id, series_id, doc_type, last_number)
      SELECT ${accountId}::bigint, p.series_id, p.doc_type, 0 FROM jsonb_to_recordset(${JSON.stringify(counterKeys)}::jsonb) AS p(series_id bigint, doc_type text)
      ORDER BY p.series_id, p.doc_type COLLATE "C"
      ON CONFLICT (account_id, series_id, doc_type) DO UPDATE SET last_number = series_doc_types.last_number
      RETURNING series_id, doc_type, last_number, last_hash, last_doc_date, validation_code, ${ENTRY_TIME} AS entry_time),
    d AS (
      INSERT INTO documents (${cols(docCols)})
      SELECT ${sql.join(docCols.map((k) => (JSONB_COLUMNS.has(k) ? sql`(r.${sql.ref(k)} #>> '{}')::jsonb` : sql`r.${sql.ref(k)}`)))}
      FROM jsonb_populate_recordset(NULL::documents, ${JSON.stringify(newDocs)}::jsonb) AS r
      RETURNING id, download_token),
    l AS (
      INSERT INTO document_lines (${cols(lineCols)}, document_id)
      SELECT ${sql.join(lineCols.map((k) => sql`r.${sql.ref(k)}`))}, d.id
      FROM jsonb_array_elements(${JSON.stringify(newLines)}::jsonb) AS e(j)
      CROSS JOIN LATERAL jsonb_populate_record(NULL::document_lines, e.j) AS r
      JOIN d ON d.download_token = e.j->>'download_token'
      RETURNING *)
    SELECT l.*, (SELECT json_agg(c) FROM c) AS counters, (SELECT json_agg(d) FROM d) AS docs FROM l`.execute(tx)
  ).rows;
  const counters = new Map(lineRows[0].counters.map((c) => [`${c.series_id}|${c.doc_type}`, { ...c }]));
  const idOf = new Map(lineRows[0].docs.map((d) => [d.download_token, Number(d.id)]));
  const ids = tokens.map((t) => idOf.get(t)!);

  // (2) Numbers and signatures, in request order (no statement).
  const finals = items.map(({ prepared: { draft, issue } }, i) => {
    const c = counters.get(`${draft.doc.series_id}|${draft.doc.doc_type}`)!;
    const values = finalizeValues(draft.doc, issue!.head, { ...c, last_number: c.last_number + 1 }, issue!.key);
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
      FROM jsonb_to_recordset(${JSON.stringify([...counters.values()].map((c) => ({ series_id: c.series_id, doc_type: c.doc_type, n: c.last_number, h: c.last_hash, d: c.last_doc_date, e: c.last_system_entry ?? null })))}::jsonb)
        AS c(series_id bigint, doc_type text, n integer, h text, d date, e timestamp)
      WHERE t.account_id = ${accountId} AND t.series_id = c.series_id AND t.doc_type = c.doc_type)
    UPDATE documents SET status = 'final', number = v.number, doc_no = v.doc_no, system_entry_date = v.system_entry_date, status_date = v.system_entry_date,
      hash = v.hash, hash_control = v.hash_control, key_version = v.key_version, atcud = v.atcud, seller = v.seller::jsonb,
      open_balance = v.open_balance, paid = v.paid, updated_at = now()
    FROM jsonb_to_recordset(${JSON.stringify(finals)}::jsonb)
      AS v(id bigint, number integer, doc_no text, system_entry_date timestamp, hash text, hash_control text, key_version integer, atcud text, seller text, open_balance numeric, paid boolean)
    WHERE documents.account_id = ${accountId} AND documents.id = v.id
    RETURNING documents.*`
    .execute(tx)
    .then((r) => new Map(r.rows.map((d) => [d.id, d])));

  // (4) The outbox: render, AT (when switched on), document.finalized (when subscribed), in one statement.
  await enqueueFinalizeJobs(
    tx,
    accountId,
    items.map(({ prepared }, i) => ({ id: ids[i], docType: prepared.draft.doc.doc_type })),
  );

  const out: { id: number; view: DocumentView | null }[] = [];
  for (const [i, { ctx, prepared }] of items.entries()) {
    const doc = docs.get(ids[i])!;
    ctx.issued?.(tx, doc.doc_type);
    if (prepared.draft.lines.some((l) => l.item_id !== null)) await postStock(tx, accountId, doc, doc.doc_date);
    if (prepared.sendTo) {
      await queueSendTo(tx, ctx, ids[i], prepared.sendTo); // counts a print: the document row changed again
      out.push({ id: ids[i], view: null });
      continue;
    }
    const { account, series } = prepared.draft;
    const lines: DocumentLineRow[] = lineRows
      .filter((r) => r.document_id === ids[i])
      .map(({ counters: _c, docs: _d, ...l }) => l)
      .sort((a, b) => a.position - b.position);
    out.push({
      id: ids[i],
      view: {
        doc,
        lines,
        seriesCode: series.code,
        seriesKind: series.kind,
        account: { taxId: account.tax_id, certNo: account.software_cert_number, sandbox: account.sandbox },
        // A document that did not exist before this transaction has no receipts and no derived documents yet.
        settlements: [],
        derived: [],
      },
    });
  }
  return out;
}

// Draft values of these columns are JSON texts (as Kysely inserts them); in the JSON parameter they are strings.
const JSONB_COLUMNS = new Set(['customer', 'seller', 'load_address', 'unload_address', 'tax_summary']);
const cols = (names: string[]) => sql.join(names.map((k) => sql.ref(k)));
/** The columns to insert: every key some row sets (as Kysely leaves out undefined values). */
const definedKeys = (rows: object[]) => [
  ...new Set(
    rows.flatMap((r) =>
      Object.entries(r)
        .filter(([, v]) => v !== undefined)
        .map(([k]) => k),
    ),
  ),
];

/**
 * The counter rows a batch locks, in one global order (series id, then document type), whatever the order of its
 * requests: two transactions that lock some of the same rows wait for each other instead of deadlocking.
 */
export function lockOrder(pairs: { seriesId: number; type: string }[]): { series_id: number; doc_type: string }[] {
  return pairs
    .map((p) => ({ series_id: p.seriesId, doc_type: p.type }))
    .sort((a, b) => a.series_id - b.series_id || (a.doc_type < b.doc_type ? -1 : a.doc_type > b.doc_type ? 1 : 0));
}

type CounterJson = CounterRow & { series_id: number; doc_type: string; last_system_entry?: string | null };
