import type { Kysely } from 'kysely';
import type { DB } from '../../src/infra/db/schema.js';
import { loadChain } from '../../src/app/documents/load-chain.js';
import { verifyChain, type ChainReport } from '../../src/domain/pt/chain.js';

/** A document as its create request was answered (2xx). */
export interface Acknowledged {
  id: number;
  number: string;
  gross: string;
}

export interface IssuedRow {
  id: number;
  seriesId: number;
  type: string;
  number: number;
  docNo: string;
  entry: string;
  gross: string;
}

export interface Audit {
  rows: IssuedRow[];
  /** Per (series, type): numbers that are missing or repeated in 1..max. */
  gaps: string[];
  repeats: string[];
  /** Documents whose system entry time is earlier than that of the document numbered before them. */
  inversions: string[];
  chain: ChainReport;
}

const cents = (v: string | number) => Number(v).toFixed(2);

/**
 * What the law asks of the issued documents of an account, read from the database: per (series, type) the numbers
 * are 1..N with no gap or repeat, system entry times follow the numbers, and the hash chain verifies (with the
 * project's own verifier, as `faturador verify-chain` runs it).
 */
export async function auditIssuing(db: Kysely<DB>, accountId: number): Promise<Audit> {
  const raw = await db
    .selectFrom('documents')
    .select(['id', 'series_id', 'doc_type', 'number', 'doc_no', 'system_entry_date', 'gross_total'])
    .where('account_id', '=', accountId)
    .where('number', 'is not', null)
    .orderBy('series_id')
    .orderBy('doc_type')
    .orderBy('number')
    .orderBy('id')
    .execute();
  const rows: IssuedRow[] = raw.map((r) => ({
    id: Number(r.id),
    seriesId: Number(r.series_id),
    type: r.doc_type,
    number: r.number!,
    docNo: r.doc_no!,
    entry: String(r.system_entry_date).replace(' ', 'T'),
    gross: cents(r.gross_total),
  }));
  const gaps: string[] = [];
  const repeats: string[] = [];
  const inversions: string[] = [];
  let prev: IssuedRow | undefined;
  for (const r of rows) {
    const same = prev && prev.seriesId === r.seriesId && prev.type === r.type;
    const expected = same ? prev!.number + 1 : 1;
    if (same && r.number === prev!.number) repeats.push(r.docNo);
    else if (r.number !== expected) gaps.push(`${r.docNo} after ${same ? prev!.docNo : 'nothing'}`);
    if (same && r.entry < prev!.entry) {
      inversions.push(`${r.docNo} entered ${r.entry} < ${prev!.docNo} entered ${prev!.entry}`);
    }
    prev = r;
  }
  const { docs, publicKeys } = await loadChain(db, accountId, {});
  const key = publicKeys.at(-1);
  const chain = key ? verifyChain(docs, key.public_pem) : { ok: false, checked: 0, failures: [] };
  return { rows, gaps, repeats, inversions, chain };
}

/** Acknowledged documents that are missing, or whose number or gross total changed. */
export function lostOrChanged(acks: Iterable<Acknowledged>, rows: IssuedRow[]): string[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const out: string[] = [];
  for (const a of acks) {
    const r = byId.get(a.id);
    if (!r) out.push(`#${a.id} ${a.number}: missing`);
    else if (r.docNo !== a.number || r.gross !== cents(a.gross)) {
      out.push(`#${a.id} ${a.number} ${a.gross}: now ${r.docNo} ${r.gross}`);
    }
  }
  return out;
}

/** Runs `count` jobs with at most `concurrency` at once, in job order; resolves when all have settled. */
export async function pool(
  count: number,
  concurrency: number,
  job: (i: number) => Promise<void>,
  stop = () => false,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count && !stop()) await job(next++);
    }),
  );
}

/** A compact `{status: count}` histogram. */
export function histogram(statuses: Iterable<number | string>): Record<string, number> {
  const h: Record<string, number> = {};
  for (const s of statuses) h[s] = (h[s] ?? 0) + 1;
  return h;
}
