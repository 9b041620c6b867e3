import { sql } from 'kysely';
import type { DocType } from '../../domain/documents/types.js';
import { DomainError } from '../../domain/errors.js';
import { accountConfig } from '../accounts/account-config.js';
import type { Ctx, Tx } from '../context.js';
import { resolveSeriesAndStore } from '../documents/resolve-series.js';
import { counterCreationLock } from '../documents/number-documents.js';

/**
 * Asks that the (series, type) counter print `code` before its numbers instead of the type's code, when it has not
 * numbered anything yet (creating it at 0 if missing). Answers the code the counter prints from now on: `code`, or
 * what it already had when it had numbered documents, had another code, or when `code` already names another
 * document type of the account.
 * NOTE: P302 4.1.4.1 — the internal code is the software's to choose, but one code may not name two document types
 * (migration 0022 refuses it; checked here first so that a taken code falls back instead of failing the request).
 */
export async function claimCounterCode(
  tx: Tx,
  accountId: number,
  seriesId: number,
  type: DocType,
  code: string,
): Promise<string> {
  const counter = () =>
    tx
      .selectFrom('series_doc_types')
      .select(['prefix', 'last_number'])
      .where('account_id', '=', accountId)
      .where('series_id', '=', seriesId)
      .where('doc_type', '=', type)
      .executeTakeFirst();
  // Most calls find the counter settled: a plain read, so that the counter row is locked only by numbering.
  const before = await counter();
  if (before && (before.prefix !== null || before.last_number > 0)) return before.prefix ?? type;
  // A counter to create: a concurrent creator of it waits here, then this one finds its row (see counterLock).
  if (!before)
    await sql`SELECT ${counterCreationLock(sql`${accountId}::bigint`, sql`${seriesId}::bigint`, sql`${type}::text`)}`.execute(
      tx,
    );
  const row = await sql<{ prefix: string | null; doc_type: string }>`
    WITH free AS (
      SELECT 1 FROM series_doc_types t
       WHERE t.account_id = ${accountId} AND t.doc_type <> ${type} AND coalesce(t.prefix, t.doc_type) = ${code}
      HAVING count(*) = 0)
    INSERT INTO series_doc_types AS c (account_id, series_id, doc_type, prefix)
    SELECT ${accountId}::bigint, ${seriesId}::bigint, ${type}, ${code} FROM free
    ON CONFLICT (account_id, series_id, doc_type) DO UPDATE SET prefix = excluded.prefix
      WHERE c.last_number = 0 AND c.prefix IS NULL
    RETURNING c.prefix, c.doc_type`
    .execute(tx)
    .then((r) => r.rows[0]);
  if (row) return row.prefix ?? row.doc_type;
  return (await counter())?.prefix ?? type;
}

/**
 * `claimCounterCode` on the series a document of `type` would be issued in (`seriesId`, else the default one). Does
 * nothing when there is no such active series: creating the document then reports it.
 */
export async function claimDocumentCounterCode(
  tx: Tx,
  ctx: Ctx,
  type: DocType,
  seriesId: number | null | undefined,
  code: string,
): Promise<void> {
  let series: { id: number };
  try {
    series = resolveSeriesAndStore(await accountConfig(tx, ctx), seriesId, null).series;
  } catch (e) {
    if (e instanceof DomainError) return;
    throw e;
  }
  await claimCounterCode(tx, ctx.accountId, series.id, type, code);
}
