import { sql } from 'kysely';
import type { Tx } from '../context.js';
import { type SaftScope, inScope, typeIn } from './saft-scope.js';

export interface SaftTableCounts {
  documents: number;
  lines: number;
  /** Sum of line net amounts of documents that are not cancelled, for the debit-side types. */
  debit: string;
  /** The same for the other types. */
  credit: string;
  /** Sum of line quantities of documents that are not cancelled. */
  quantity: string;
}

/**
 * The control figures of a SAF-T table, summed by the database over the exact stored line values the file carries.
 * NOTE: P302 4.1.1–4.1.3, 4.2.1–4.2.2, 4.3.1–4.3.3 — counts include cancelled documents; sums exclude them.
 */
export async function countSaftTable(
  tx: Tx,
  accountId: number,
  scope: SaftScope,
  debitTypes: readonly string[],
): Promise<SaftTableCounts> {
  const docs = await tx
    .selectFrom('documents as d')
    .where(inScope(accountId, scope))
    .select(sql<string>`count(*)`.as('n'))
    .executeTakeFirstOrThrow();
  const lines = await tx
    .selectFrom('documents as d')
    .innerJoin('document_lines as l', (j) =>
      j.onRef('l.account_id', '=', 'd.account_id').onRef('l.document_id', '=', 'd.id'),
    )
    .where(inScope(accountId, scope))
    .select([
      sql<string>`count(*)`.as('lines'),
      sql<string>`coalesce(sum(l.net_amount) filter (where d.status = 'final' and ${typeIn(debitTypes)}), 0)`.as(
        'debit',
      ),
      sql<string>`coalesce(sum(l.net_amount) filter (where d.status = 'final' and not ${typeIn(debitTypes)}), 0)`.as(
        'credit',
      ),
      sql<string>`coalesce(sum(l.quantity) filter (where d.status = 'final'), 0)`.as('quantity'),
    ])
    .executeTakeFirstOrThrow();
  return {
    documents: Number(docs.n),
    lines: Number(lines.lines),
    debit: String(lines.debit),
    credit: String(lines.credit),
    quantity: String(lines.quantity),
  };
}
