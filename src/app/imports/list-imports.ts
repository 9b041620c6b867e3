import type { Tx } from '../context.js';
import { importCounts, type ImportSummary, importSummaryOf } from './import-summary.js';

export type { ImportSummary };

/** The account's imports, newest first, a page at a time, with their counts. */
export async function listImports(
  tx: Tx,
  accountId: number,
  page: { limit: number; offset: number },
): Promise<{ items: ImportSummary[]; total: number }> {
  const [rows, count] = await Promise.all([
    tx
      .selectFrom('imports as i')
      .select(['i.id', 'i.status', 'i.file_name', 'i.row_count', 'i.created_at', 'i.started_at', 'i.finished_at'])
      .select(importCounts)
      .where('i.account_id', '=', accountId)
      .orderBy('i.id', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    tx
      .selectFrom('imports')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('account_id', '=', accountId)
      .executeTakeFirstOrThrow(),
  ]);
  return {
    total: Number(count.n),
    items: rows.map(importSummaryOf),
  };
}
