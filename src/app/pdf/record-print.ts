import { sql } from 'kysely';
import { notFound } from '../../domain/errors.js';
import type { CopyKind } from '../../domain/pt/legal-marks.js';
import type { Tx } from '../context.js';
import { chooseCopyKind, type CopyRequest } from './copy-kind.js';

/**
 * Counts one more print of a document and returns how many there were before it. The increment is one
 * atomic UPDATE: two simultaneous downloads see 0 and 1, so exactly one of them is the Original.
 * printed_count is one of the columns the immutability trigger lets change on a finalized document.
 */
export async function recordPrint(tx: Tx, accountId: number, documentId: number): Promise<number> {
  const row = await tx
    .updateTable('documents')
    .set({ printed_count: sql`printed_count + 1` })
    .where('account_id', '=', accountId)
    .where('id', '=', documentId)
    .where('status', '<>', 'draft')
    .returning('printed_count')
    .executeTakeFirst();
  if (!row) throw notFound('document', documentId);
  return row.printed_count - 1;
}

/**
 * Counts a print and decides its copy mark (see chooseCopyKind), in the caller's transaction: for deliveries
 * that produce the PDF later, such as a queued e-mail whose retries must all carry the same mark.
 */
export async function takePrint(
  tx: Tx,
  accountId: number,
  documentId: number,
  requested: CopyRequest = 'auto',
): Promise<{ copy: CopyKind; printedCount: number }> {
  const previous = await recordPrint(tx, accountId, documentId);
  return { copy: chooseCopyKind(requested, previous), printedCount: previous + 1 };
}
