import { type QueryResult, sql } from 'kysely';
import { regimeOf } from '../../domain/regime/registry.js';
import type { Ctx, Tx } from '../context.js';
import type { DocumentLineRow } from '../../infra/db/schema.js';
import { randomUrlToken } from '../accounts/credentials.js';
import { queueSendTo } from '../email/send-to.js';
import type { PreparedDocument } from './prepared-document.js';
import type { DocumentView } from './get-document.js';
import { precompiled } from '../../infra/db/precompiled.js';
import { type LockedCounter, counterLockOf, lockOrder, numberDocuments } from './number-documents.js';

export interface IssueRequest {
  ctx: Ctx;
  /** Prepared with `issue` set: a create-and-finalize that references no other document. */
  prepared: PreparedDocument;
}

/**
 * Group commit per series: issues several prepared create-and-finalize documents of one account in two
 * statements whatever their number. (1) locks the counter rows of their (series, type) pairs and inserts the
 * drafts and their lines; then the one numbering path (`numberDocuments`) numbers, dates and signs them in request
 * order (the chain runs through the batch), and writes the final values, the counters' chain state and the outbox
 * jobs (2). All or nothing: any failure (a date before the last of its series) throws, and the caller
 * issues them one by one.
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
  const regime = regimeOf(items[0].prepared.draft.account);
  const lineRows = (
    await insertStatement(regime.timeZone, docCols, lineCols)(
      tx,
      accountId,
      JSON.stringify(counterKeys),
      JSON.stringify(newDocs),
      JSON.stringify(newLines),
    )
  ).rows;
  // The counters and the new documents' ids come once, with one of the lines (not repeated on each line).
  const head = lineRows.find((r) => r.docs)!;
  const idOf = new Map(head.docs.map((d) => [d.download_token, Number(d.id)]));
  const ids = tokens.map((t) => idOf.get(t)!);

  // (2): numbers, entry times, signatures, the final values, the outbox jobs.
  const docs = await numberDocuments(
    tx,
    accountId,
    regime,
    head.counters,
    items.map(({ prepared: { draft, issue } }, i) => ({
      id: ids[i],
      doc: draft.doc,
      head: issue!.head,
      key: issue!.key,
      mayMoveStock: draft.lines.some((l) => l.item_id !== null),
    })),
  );

  const out: { id: number; view: DocumentView | null }[] = [];
  for (const [i, { ctx, prepared }] of items.entries()) {
    const doc = docs.get(ids[i])!;
    ctx.issued?.(tx, doc.doc_type);
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
        account: {
          taxId: account.tax_id,
          country: account.country,
          certNo: account.software_cert_number,
          sandbox: account.sandbox,
        },
        // A document that did not exist before this transaction has no receipts and no derived documents yet.
        settlements: [],
        derived: [],
      },
    });
  }
  return out;
}

type InsertedLine = DocumentLineRow & { counters: LockedCounter[]; docs: { id: number; download_token: string }[] };
type InsertStatement = (
  tx: Tx,
  accountId: number,
  pairsJson: string,
  docsJson: string,
  linesJson: string,
) => Promise<QueryResult<InsertedLine>>;

/**
 * The statement that locks the counters and inserts the drafts and their lines, compiled once per shape (time zone,
 * columns set): building it anew took as much CPU as its round trip. Few shapes exist; past the cap, each runs built.
 */
function insertStatement(timeZone: string, docCols: string[], lineCols: string[]): InsertStatement {
  const shape = `${timeZone}|${docCols.join(',')}|${lineCols.join(',')}`;
  let statement = insertStatements.get(shape);
  if (!statement) {
    statement = precompiled((_qb, accountId: number, pairsJson: string, docsJson: string, linesJson: string) =>
      insertSql(timeZone, docCols, lineCols, accountId, pairsJson, docsJson, linesJson),
    );
    if (insertStatements.size < MAX_INSERT_SHAPES) insertStatements.set(shape, statement);
  }
  return statement;
}
const insertStatements = new Map<string, InsertStatement>();
const MAX_INSERT_SHAPES = 64;

const insertSql = (
  timeZone: string,
  docCols: string[],
  lineCols: string[],
  accountId: number,
  pairsJson: string,
  docsJson: string,
  linesJson: string,
) => sql<InsertedLine>`
    WITH c AS (${counterLockOf(timeZone, accountId, pairsJson)}),
    d AS (
      INSERT INTO documents (${cols(docCols)})
      SELECT ${sql.join(docCols.map((k) => (JSONB_COLUMNS.has(k) ? sql`(r.${sql.ref(k)} #>> '{}')::jsonb` : sql`r.${sql.ref(k)}`)))}
      FROM jsonb_populate_recordset(NULL::documents, ${docsJson}::jsonb) AS r
      RETURNING id, download_token),
    l AS (
      INSERT INTO document_lines (${cols(lineCols)}, document_id)
      SELECT ${sql.join(lineCols.map((k) => sql`r.${sql.ref(k)}`))}, d.id
      FROM jsonb_array_elements(${linesJson}::jsonb) AS e(j)
      CROSS JOIN LATERAL jsonb_populate_record(NULL::document_lines, e.j) AS r
      JOIN d ON d.download_token = e.j->>'download_token'
      RETURNING *)
    SELECT l.*, CASE WHEN row_number() OVER () = 1 THEN (SELECT json_agg(c) FROM c) END AS counters,
      CASE WHEN row_number() OVER () = 1 THEN (SELECT json_agg(d) FROM d) END AS docs FROM l`;

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
