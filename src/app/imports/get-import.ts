import { sql } from 'kysely';
import { notFound } from '../../domain/errors.js';
import type { Tx } from '../context.js';
import { importCounts, type ImportSummary, importSummaryOf } from './import-summary.js';

/** An import and its progress: documents issued, refused and left, the issue rate and the time left at that rate. */
export interface ImportView extends ImportSummary {
  pending: number;
  /** Documents per second since the job started; null before. */
  rate: number | null;
  /** Seconds left at that rate; null when unknown. */
  etaSeconds: number | null;
  sendEmail: boolean;
  errors: { row: number; column: string; reason: string }[];
}

/** An import of the account (another account's is not found). */
export async function getImport(tx: Tx, accountId: number, id: number): Promise<ImportView> {
  const row = await tx
    .selectFrom('imports as i')
    .selectAll('i')
    .select([
      ...importCounts,
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
    ...importSummaryOf(row),
    pending,
    rate,
    etaSeconds: pending === 0 ? 0 : rate ? Math.ceil(pending / rate) : null,
    sendEmail: row.send_email,
    errors: row.errors,
  };
}
