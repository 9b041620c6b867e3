import { sql } from 'kysely';
import type { Tx } from '../context.js';

/** An import as a list shows it. */
export interface ImportSummary {
  id: number;
  status: 'issuing' | 'done';
  fileName: string;
  rows: number;
  documents: number;
  issued: number;
  failed: number;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

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
      .select([
        sql<string>`(SELECT count(*) FROM import_groups g WHERE g.import_id = i.id)`.as('documents'),
        sql<string>`(SELECT count(*) FROM import_groups g WHERE g.import_id = i.id AND g.document_id IS NOT NULL)`.as(
          'issued',
        ),
        sql<string>`(SELECT count(*) FROM import_groups g WHERE g.import_id = i.id AND g.error IS NOT NULL)`.as(
          'failed',
        ),
      ])
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
    items: rows.map((r) => ({
      id: r.id,
      status: r.status,
      fileName: r.file_name,
      rows: r.row_count,
      documents: Number(r.documents),
      issued: Number(r.issued),
      failed: Number(r.failed),
      createdAt: instant(r.created_at),
      startedAt: r.started_at && instant(r.started_at),
      finishedAt: r.finished_at && instant(r.finished_at),
    })),
  };
}

const instant = (v: string | Date) => (v instanceof Date ? v : new Date(v)).toISOString();
