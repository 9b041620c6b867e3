import type { Tx } from '../context.js';
import { type SaftScope, inScope } from './saft-scope.js';

/** One keyset page of the distinct line codes of the documents in scope (the Product master file). */
export async function listSaftProductCodes(
  tx: Tx,
  accountId: number,
  scope: SaftScope,
  afterCode: string | null,
  limit: number,
): Promise<string[]> {
  const rows = await tx
    .selectFrom('documents as d')
    .innerJoin('document_lines as l', (j) =>
      j.onRef('l.account_id', '=', 'd.account_id').onRef('l.document_id', '=', 'd.id'),
    )
    .where(inScope(accountId, scope))
    .$if(afterCode !== null, (q) => q.where('l.code', '>', afterCode!))
    .select('l.code')
    .distinct()
    .orderBy('l.code')
    .limit(limit)
    .execute();
  return rows.map((r) => r.code);
}
