import { checkInstantFilters } from '../instant-filters.js';
import type { Tx } from '../context.js';
import { type PageRequest, paginate } from '../pagination.js';
import type { AtCommunicationStatus } from './record-at-communication.js';

export interface AtCommunicationFilter {
  documentId?: number;
  seriesId?: number;
  statuses?: AtCommunicationStatus[];
  operations?: string[];
  services?: string[];
  /** Inclusive instants (ISO 8601) or dates on started_at. */
  from?: string;
  to?: string;
}

/** The AT communication log, newest first. */
export async function listAtCommunications(tx: Tx, accountId: number, f: AtCommunicationFilter, page: PageRequest) {
  checkInstantFilters(f);
  let base = tx.selectFrom('at_communications').where('account_id', '=', accountId);
  if (f.documentId !== undefined) base = base.where('document_id', '=', f.documentId);
  if (f.seriesId !== undefined) base = base.where('series_id', '=', f.seriesId);
  if (f.statuses?.length) base = base.where('status', 'in', f.statuses);
  if (f.operations?.length) base = base.where('operation', 'in', f.operations);
  if (f.services?.length) base = base.where('service', 'in', f.services as never);
  if (f.from) base = base.where('started_at', '>=', f.from);
  if (f.to) base = base.where('started_at', '<', /^\d{4}-\d{2}-\d{2}$/.test(f.to) ? `${f.to}T24:00:00` : f.to);
  const rows = base.selectAll().orderBy('started_at', 'desc').orderBy('id', 'desc');
  return paginate(rows, base, page);
}
