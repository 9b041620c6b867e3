import { sql } from 'kysely';
import { notFound } from '../../domain/errors.js';
import type { Tx } from '../context.js';

/** An import and its progress: documents issued, refused and left, the issue rate and the time left at that rate. */
export interface ImportView {
  id: number;
  status: 'issuing' | 'done';
  fileName: string;
  rows: number;
  documents: number;
  issued: number;
  failed: number;
  pending: number;
  /** Documents per second since the job started; null before. */
  rate: number | null;
  /** Seconds left at that rate; null when unknown. */
  etaSeconds: number | null;
  sendEmail: boolean;
  errors: { row: number; column: string; reason: string }[];
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

/** An import of the account (another account's is not found). */
export async function getImport(tx: Tx, accountId: number, id: number): Promise<ImportView> {
  const row = await tx
    .selectFrom('imports as i')
    .selectAll('i')
    .select([
      sql<string>`(SELECT count(*) FROM import_groups g WHERE g.import_id = i.id)`.as('documents'),
      sql<string>`(SELECT count(*) FROM import_groups g WHERE g.import_id = i.id AND g.document_id IS NOT NULL)`.as(
        'issued',
      ),
      sql<string>`(SELECT count(*) FROM import_groups g WHERE g.import_id = i.id AND g.error IS NOT NULL)`.as('failed'),
      sql<string | null>`extract(epoch FROM coalesce(i.finished_at, now()) - i.started_at)::text`.as('elapsed'),
    ])
    .where('i.id', '=', id)
    .where('i.account_id', '=', accountId)
    .executeTakeFirst();
  if (!row) throw notFound('import', id);
  const documents = Number(row.documents);
  const issued = Number(row.issued);
  const failed = Number(row.failed);
  const pending = documents - issued - failed;
  const elapsed = row.elapsed === null ? null : Number(row.elapsed);
  const rate = elapsed && elapsed > 0 && issued > 0 ? Math.round((issued / elapsed) * 10) / 10 : null;
  return {
    id: row.id,
    status: row.status,
    fileName: row.file_name,
    rows: row.row_count,
    documents,
    issued,
    failed,
    pending,
    rate,
    etaSeconds: pending === 0 ? 0 : rate ? Math.ceil(pending / rate) : null,
    sendEmail: row.send_email,
    errors: row.errors,
    createdAt: instant(row.created_at),
    startedAt: row.started_at && instant(row.started_at),
    finishedAt: row.finished_at && instant(row.finished_at),
  };
}

const instant = (v: string | Date) => (v instanceof Date ? v : new Date(v)).toISOString();
