import { DomainError } from '../../domain/errors.js';
import { regimeOf } from '../../domain/regime/registry.js';
import type { Tx } from '../context.js';

/**
 * The number the account's next document of this type will get in its default series. Only read: a number is
 * taken when a document is issued, never reserved, so the series stays gapless (NOTE: Belgian VAT Code art. 53 §2
 * and Royal Decree no. 1 art. 5 — one continuous series; Portugal: D8632 §3.3.5).
 */
export async function nextOrderNumber(tx: Tx, accountId: number, docType: string): Promise<string> {
  const account = await tx
    .selectFrom('accounts')
    .select('country')
    .where('id', '=', accountId)
    .executeTakeFirstOrThrow();
  const series = await tx
    .selectFrom('series')
    .leftJoin('series_doc_types as t', (j) =>
      j
        .onRef('t.account_id', '=', 'series.account_id')
        .onRef('t.series_id', '=', 'series.id')
        .on('t.doc_type', '=', docType),
    )
    .select(['series.code', 't.prefix', 't.last_number'])
    .where('series.account_id', '=', accountId)
    .where('series.status', '=', 'active')
    .orderBy('series.is_default', 'desc')
    .orderBy('series.id')
    .executeTakeFirst();
  if (!series) throw new DomainError('validation', 'The account has no active series.');
  return regimeOf(account).documentNumber(series.prefix ?? docType, series.code, (series.last_number ?? 0) + 1);
}
