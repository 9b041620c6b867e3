import type { Tx } from '../context.js';
import { type SaftScope, inScope } from './saft-scope.js';

/**
 * The account's taxes, and the distinct taxes the lines in scope carry (a line keeps its tax even if the
 * catalog entry changed since). Bounded by the tax catalog, not by the number of documents.
 */
export async function listSaftTaxes(tx: Tx, accountId: number, scope: SaftScope) {
  const catalog = await tx
    .selectFrom('taxes')
    .select(['name', 'tax_type', 'region', 'saft_code', 'rate', 'valid_from', 'valid_to'])
    .where('account_id', '=', accountId)
    .orderBy('id')
    .execute();
  const used = await tx
    .selectFrom('documents as d')
    .innerJoin('document_lines as l', (j) =>
      j.onRef('l.account_id', '=', 'd.account_id').onRef('l.document_id', '=', 'd.id'),
    )
    .where(inScope(accountId, scope))
    .select(['l.tax_type', 'l.tax_region', 'l.tax_code', 'l.tax_rate'])
    .distinct()
    .orderBy('l.tax_type')
    .orderBy('l.tax_region')
    .orderBy('l.tax_code')
    .orderBy('l.tax_rate')
    .execute();
  return { catalog, used };
}
