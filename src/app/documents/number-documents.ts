import type { KeyObject } from 'node:crypto';
import { type RawBuilder, sql } from 'kysely';
import type { FiscalRegime } from '../../domain/regime/fiscal-regime.js';
import type { DocumentRow } from '../../infra/db/schema.js';
import type { Tx } from '../context.js';
import { applyBalances } from './apply-balances.js';
import { givePaymentReferences } from './give-payment-references.js';
import { noteOutboxWrite } from '../../infra/jobs/outbox-writes.js';
import { enqueueFinalizeJobs, finalizeJobsInsert } from './enqueue-finalize-jobs.js';
import { type CounterRow, type FinalizeHead, finalizeValues } from './finalize-values.js';
import { postStock } from './post-stock.js';

/** A (series, type) counter row locked until commit, as `lockCounters` returns it. */
export type LockedCounter = CounterRow & { series_id: number; doc_type: string; last_system_entry?: string | null };

/** A draft to finalize: its row's values that numbering reads, and what was read of its account before the lock. */
export interface ToNumber {
  id: number;
  doc: {
    doc_type: string;
    series_id: number;
    doc_date: string;
    store_id: number | null;
    gross_total: string;
    payable_total: string;
    related_document_id: number | null;
    /** The draft's `paidOnIssue`; null or absent: the type's default. */
    settled_on_issue?: boolean | null;
  };
  head: FinalizeHead;
  key: { version: number; key: KeyObject } | null;
  /** False when the document has no item line: no stock to post, so no statement. */
  mayMoveStock: boolean;
}

/**
 * The system entry time, read while the counter row is locked: the database's clock (the current instant, not the
 * transaction's start, which may precede the lock by the time spent waiting for it), never before the entry time of
 * the document numbered before, `YYYY-MM-DDThh:mm:ss` on the regime's clock, to the second.
 * NOTE: D8632 §1.6, §3.2.1 (the technical requirements of Portaria 363/2010; portugal.md §2.4) — a series is
 * issued chronologically, its numbering following the date and time of issue: a later number never has an earlier
 * SystemEntryDate. Where the clock goes back (the end of summer time), the time stays at the last one given until
 * the clock passes it.
 */
const entryTime = (timeZone: string) => sql<string>`to_char(greatest(series_doc_types.last_system_entry,
  date_trunc('second', clock_timestamp() AT TIME ZONE ${timeZone}::text)), 'YYYY-MM-DD"T"HH24:MI:SS')`;

/**
 * The transaction lock every creator of a (series, type) counter row takes first (`counterLock`, `claimCounterCode`,
 * `setValidationCode`): the second one waits and then finds the row, rather than colliding on a unique index its
 * ON CONFLICT does not arbitrate. Arguments: SQL expressions of bigint, bigint, text.
 */
export const counterCreationLock = (
  accountId: RawBuilder<unknown>,
  seriesId: RawBuilder<unknown>,
  docType: RawBuilder<unknown>,
) => sql`pg_advisory_xact_lock(hashtextextended(concat_ws(':', 'counter', ${accountId}, ${seriesId}, ${docType}), 0))`;

/**
 * The statement (or CTE body) that locks the counter rows of (series, type) pairs until commit, creating missing ones
 * at 0, and returns their chain state with the entry time read under the lock. A no-op upsert rather than an
 * increment: the numbers are written with the documents (`numberDocuments`). The pairs must come in `lockOrder`.
 *
 * A pair whose counter the statement does not see first takes a transaction advisory lock on it. Without it, two
 * transactions creating the same counter at once could both pass the arbiter's check and then collide on the table's
 * other unique index (series_doc_types_code_key, migration 0022), which ON CONFLICT (account_id, series_id, doc_type)
 * does not arbitrate: 23505 instead of a number. Under the lock the second one finds the first's committed row and
 * takes the DO UPDATE path. An existing counter (the hot path) takes no advisory lock: still one statement. The
 * LATERAL … LIMIT 1 keeps the check one index probe per pair (an EXISTS became a hashed scan of the account's
 * counters); the locks are taken while the pairs are read, in `lockOrder`, before the statement locks any row.
 */
export function counterLock(regime: FiscalRegime, accountId: number, pairs: { series_id: number; doc_type: string }[]) {
  return counterLockOf(regime.timeZone, accountId, JSON.stringify(pairs));
}

/** `counterLock` with its values as given (the pairs as JSON text): placeholders of a precompiled query too. */
export function counterLockOf(timeZone: string, accountId: number, pairsJson: string) {
  return sql<LockedCounter>`
      INSERT INTO series_doc_types (account_id, series_id, doc_type, last_number)
      SELECT ${accountId}::bigint, p.series_id, p.doc_type, 0 FROM jsonb_to_recordset(${pairsJson}::jsonb) AS p(series_id bigint, doc_type text)
      LEFT JOIN LATERAL (SELECT true AS seen FROM series_doc_types e
        WHERE e.account_id = ${accountId} AND e.series_id = p.series_id AND e.doc_type = p.doc_type LIMIT 1) e ON true
      WHERE CASE WHEN e.seen THEN true
        ELSE ${counterCreationLock(sql`${accountId}::bigint`, sql`p.series_id`, sql`p.doc_type`)}::text IS NOT NULL END
      ORDER BY p.series_id, p.doc_type COLLATE "C"
      ON CONFLICT (account_id, series_id, doc_type) DO UPDATE SET last_number = series_doc_types.last_number
      RETURNING series_id, doc_type, last_number, last_hash, last_doc_date, validation_code, prefix, ${entryTime(timeZone)} AS entry_time`;
}

/**
 * The counter rows a batch locks, in one global order (series id, then document type), whatever the order of its
 * requests: two transactions that lock some of the same rows wait for each other instead of deadlocking.
 */
export function lockOrder(pairs: { seriesId: number; type: string }[]): { series_id: number; doc_type: string }[] {
  return pairs
    .map((p) => ({ series_id: p.seriesId, doc_type: p.type }))
    .sort((a, b) => a.series_id - b.series_id || (a.doc_type < b.doc_type ? -1 : a.doc_type > b.doc_type ? 1 : 0));
}

/** Whether finalizing the document moves other documents' balances (`applyBalances`): a receipt, or a credit note of one. */
const movesBalances = (doc: { doc_type: string; related_document_id: number | null }) =>
  doc.doc_type === 'RC' || doc.doc_type === 'RG' || (doc.doc_type === 'NC' && doc.related_document_id !== null);

export const counterKey = (seriesId: number, type: string) => `${seriesId}|${type}`;

/**
 * The one numbering path of every finalize (a draft finalized alone, or a batch issued together). Given the
 * counter rows the caller locked (`counterLock`), it numbers the drafts in order, each with the entry time read
 * under the lock and the regime's number text, document code and chain signature (the chain runs through the
 * batch); writes the final values and the counters' new state in one statement; posts stock, moves the balances
 * of what the documents settle or credit, and enqueues the outbox jobs. Throws (and the caller's transaction rolls
 * everything back) when a date goes back in its series.
 */
export async function numberDocuments(
  tx: Tx,
  accountId: number,
  regime: FiscalRegime,
  counters: LockedCounter[],
  docs: ToNumber[],
): Promise<Map<number, DocumentRow>> {
  const state = new Map(counters.map((c) => [counterKey(c.series_id, c.doc_type), { ...c }]));
  const finals = docs.map(({ id, doc, head, key }) => {
    const c = state.get(counterKey(doc.series_id, doc.doc_type))!;
    const values = finalizeValues(regime, doc, head, { ...c, last_number: c.last_number + 1 }, key);
    c.last_number = values.document.number;
    Object.assign(c, values.series);
    const { status: _s, status_date: _d, ...document } = values.document;
    return { id, ...document };
  });
  await givePaymentReferences(tx, accountId, regime, docs);

  // The outbox jobs go in the same statement, unless a document moves balances: those emit their events first.
  const jobsNow = !docs.some(({ doc }) => movesBalances(doc));
  const jobs = jobsNow
    ? finalizeJobsInsert(
        accountId,
        regime,
        docs.map(({ id, doc }) => ({ id, docType: doc.doc_type })),
        sql`u`,
      )
    : null;
  const result = await sql<DocumentRow & { jobs_queued?: number }>`
    WITH s AS (
      UPDATE series_doc_types t SET last_number = c.n, last_hash = c.h, last_doc_date = c.d, last_system_entry = c.e
      FROM jsonb_to_recordset(${JSON.stringify([...state.values()].map((c) => ({ series_id: c.series_id, doc_type: c.doc_type, n: c.last_number, h: c.last_hash, d: c.last_doc_date, e: c.last_system_entry ?? null })))}::jsonb)
        AS c(series_id bigint, doc_type text, n integer, h text, d date, e timestamp)
      WHERE t.account_id = ${accountId} AND t.series_id = c.series_id AND t.doc_type = c.doc_type),
    u AS (
      UPDATE documents SET status = 'final', number = v.number, doc_no = v.doc_no, system_entry_date = v.system_entry_date, status_date = v.system_entry_date,
        hash = v.hash, hash_control = v.hash_control, key_version = v.key_version, atcud = v.atcud, seller = v.seller::jsonb,
        open_balance = v.open_balance, paid = v.paid, settled_on_issue = v.settled_on_issue, updated_at = now()
      FROM jsonb_to_recordset(${JSON.stringify(finals)}::jsonb)
        AS v(id bigint, number integer, doc_no text, system_entry_date timestamp, hash text, hash_control text, key_version integer, atcud text, seller text, open_balance numeric, paid boolean, settled_on_issue boolean)
      WHERE documents.account_id = ${accountId} AND documents.id = v.id
        AND documents.id = ANY(${finals.map((f) => f.id)}::bigint[])
      RETURNING documents.*)${jobs ? sql`, j AS (${jobs})` : sql``}
    SELECT u.*${jobs ? sql`, (SELECT count(*) FROM j)::int AS jobs_queued` : sql``} FROM u`.execute(tx);
  if (result.rows.some((r) => r.jobs_queued)) noteOutboxWrite();
  const rows = new Map(result.rows.map(({ jobs_queued: _j, ...d }) => [d.id, d as DocumentRow]));

  for (const { id, doc, mayMoveStock } of docs) {
    if (mayMoveStock) await postStock(tx, accountId, { ...doc, id }, doc.doc_date);
    await applyBalances(tx, accountId, { ...doc, id }, 1);
  }
  if (!jobsNow)
    await enqueueFinalizeJobs(
      tx,
      accountId,
      regime,
      docs.map(({ id, doc }) => ({ id, docType: doc.doc_type })),
    );
  return rows;
}
