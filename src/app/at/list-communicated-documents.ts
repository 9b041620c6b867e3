import type { Tx } from '../context.js';
import { type Page, type PageRequest } from '../pagination.js';
import type { AtCommunicationStatus } from './record-at-communication.js';

/** PostgreSQL timestamptz text (`2026-12-07 13:40:00.1+00`) → ISO 8601. */
const isoInstant = (v: string) => new Date(v.replace(' ', 'T').replace(/([+-]\d{2})$/, '$1:00')).toISOString();

export interface CommunicatedDocument {
  documentId: number;
  docType: string;
  /** `GT A/1` (drafts are never sent, nor logged). */
  number: string | null;
  date: string;
  documentStatus: 'draft' | 'final' | 'cancelled';
  /** The transport document's AT code (ATDocCodeID), when AT gave one. */
  atCode: string | null;
  service: 'series' | 'transport' | 'invoices';
  operation: string;
  environment: 'test' | 'production';
  status: AtCommunicationStatus;
  returnCode: string | null;
  returnMessage: string | null;
  /** When the attempt shown started (ISO 8601). */
  communicatedAt: string;
}

/**
 * The documents the AT log mentions, one row each with its latest attempt, newest first. A `skipped` entry (e.g.
 * "already communicated" after a manual send) does not hide the attempt that did something: an attempt that reached
 * AT (or failed to) wins over later skips.
 */
export async function listCommunicatedDocuments(
  tx: Tx,
  accountId: number,
  page: PageRequest,
): Promise<Page<CommunicatedDocument>> {
  const latest = tx
    .selectFrom('at_communications')
    .distinctOn('document_id')
    .select([
      'id',
      'document_id',
      'service',
      'operation',
      'environment',
      'status',
      'return_code',
      'return_message',
      'started_at',
    ])
    .where('account_id', '=', accountId)
    .where('document_id', 'is not', null)
    .orderBy('document_id')
    .orderBy((eb) => eb('status', '=', 'skipped'))
    .orderBy('id', 'desc');
  const rows = await tx
    .selectFrom(latest.as('c'))
    .innerJoin('documents as d', (j) => j.onRef('d.id', '=', 'c.document_id').on('d.account_id', '=', accountId))
    .select([
      'd.id as documentId',
      'd.doc_type as docType',
      'd.doc_no as number',
      'd.doc_date as date',
      'd.status as documentStatus',
      'd.at_code as atCode',
      'c.service',
      'c.operation',
      'c.environment',
      'c.status',
      'c.return_code as returnCode',
      'c.return_message as returnMessage',
      'c.started_at as startedAt',
    ])
    .orderBy('c.id', 'desc')
    .limit(page.perPage)
    .offset((page.page - 1) * page.perPage)
    .execute();
  const count = await tx
    .selectFrom('at_communications')
    .select((eb) => eb.fn.count<string>('document_id').distinct().as('n'))
    .where('account_id', '=', accountId)
    .where('document_id', 'is not', null)
    .executeTakeFirst();
  const total = Number(count?.n ?? 0);
  return {
    items: rows.map(({ startedAt, ...r }) => ({ ...r, communicatedAt: isoInstant(startedAt) })),
    total,
    page: page.page,
    perPage: page.perPage,
    totalPages: Math.max(1, Math.ceil(total / page.perPage)),
  };
}
