import { notFound } from '../../domain/errors.js';
import type { Tx } from '../context.js';
import { SAFT_FILE_JOB } from './request-saft-file.js';

export type SaftFileState = 'queued' | 'running' | 'ready' | 'failed';

export interface SaftFileStatus {
  id: number;
  from: string;
  to: string;
  state: SaftFileState;
  requestedAt: string;
  generatedAt: string | null;
  fileName: string | null;
  /** The file's size in bytes once ready. */
  size: number | null;
  /** Attempts the background job made so far, and its last error (a failed attempt is retried). */
  attempts: number;
  lastError: string | null;
  /** The public link's token (`/download/saft/:id/:token`), for a download once ready. */
  downloadToken: string;
}

/**
 * Where the SAF-T file of one request stands, from its row and its 'saft.file' job: queued, running, ready, or
 * failed (the job gave up). A file asked for again after it was ready is queued again until regenerated.
 */
export async function getSaftFileStatus(tx: Tx, accountId: number, id: number): Promise<SaftFileStatus> {
  const row = await tx
    .selectFrom('saft_files as f')
    .select([
      'f.id',
      'f.period_from',
      'f.period_to',
      'f.status',
      'f.requested_at',
      'f.generated_at',
      'f.file_name',
      'f.download_token',
      'f.size',
    ])
    .where('f.account_id', '=', accountId)
    .where('f.id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('saft file', id);
  const job = await tx
    .selectFrom('jobs')
    .select(['state', 'attempts', 'last_error'])
    .where('account_id', '=', accountId)
    .where('kind', '=', SAFT_FILE_JOB)
    .where('dedupe_key', '=', String(id))
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  const state: SaftFileState =
    row.status === 'ready'
      ? 'ready'
      : job?.state === 'dead'
        ? 'failed'
        : job?.state === 'running'
          ? 'running'
          : 'queued';
  return {
    id: row.id,
    from: row.period_from,
    to: row.period_to,
    state,
    requestedAt: new Date(row.requested_at).toISOString(),
    generatedAt: row.generated_at ? new Date(row.generated_at).toISOString() : null,
    fileName: row.file_name,
    size: row.size === null ? null : Number(row.size),
    attempts: job?.attempts ?? 0,
    lastError: job?.last_error ?? null,
    downloadToken: row.download_token,
  };
}
