import { sql } from 'kysely';
import type { Tx } from '../context.js';
import { type SaftScope, inScope } from './saft-scope.js';

/**
 * The distinct line codes of the documents in scope (the Product master file), in code order, a page at a time
 * from one server-side cursor: the period's lines are read once whatever the number of pages (a keyset page per
 * query read them all again for every page), and only a page is held here. The export's transaction holds the
 * cursor (DECLARE needs one); it is closed when the last page is read, or dies with the transaction.
 */
export async function* listSaftProductCodes(
  tx: Tx,
  accountId: number,
  scope: SaftScope,
  pageSize: number,
): AsyncGenerator<string[]> {
  const codes = tx
    .selectFrom('documents as d')
    .innerJoin('document_lines as l', (j) =>
      j.onRef('l.account_id', '=', 'd.account_id').onRef('l.document_id', '=', 'd.id'),
    )
    .where(inScope(accountId, scope))
    .select('l.code')
    .distinct()
    .orderBy('l.code');
  await sql`DECLARE saft_product_codes NO SCROLL CURSOR FOR ${codes}`.execute(tx);
  for (;;) {
    const page = await sql<{ code: string }>`FETCH ${sql.lit(Math.trunc(pageSize))} FROM saft_product_codes`.execute(
      tx,
    );
    if (page.rows.length) yield page.rows.map((r) => r.code);
    if (page.rows.length < pageSize) break;
  }
  await sql`CLOSE saft_product_codes`.execute(tx);
}
