import type { EmailStatus } from '../../infra/db/schema.js';
import { checkInstantFilters } from '../instant-filters.js';
import type { Tx } from '../context.js';
import { paginate, type PageRequest } from '../pagination.js';

export interface EmailFilter {
  ids?: number[];
  documentId?: number;
  statuses?: EmailStatus[];
  kinds?: ('document' | 'test')[];
  /** Part of a recipient address (to, cc or bcc), case-insensitive. */
  recipient?: string;
  /** Queued on or after / before (YYYY-MM-DD or an instant). */
  from?: string;
  to?: string;
}

/** The e-mail log, newest first, each e-mail with its attempts. */
export async function listEmails(tx: Tx, accountId: number, f: EmailFilter, page: PageRequest) {
  checkInstantFilters(f);
  let base = tx.selectFrom('emails').where('account_id', '=', accountId);
  if (f.ids) base = base.where('id', 'in', f.ids.length ? f.ids : [0]);
  if (f.documentId !== undefined) base = base.where('document_id', '=', f.documentId);
  if (f.statuses?.length) base = base.where('status', 'in', f.statuses);
  if (f.kinds?.length) base = base.where('kind', 'in', f.kinds);
  if (f.recipient) {
    const like = `%${f.recipient.toLowerCase().replace(/[\\%_]/g, '\\$&')}%`;
    base = base.where((eb) =>
      eb.or([
        eb(eb.fn('lower', [eb.cast('to_addresses', 'text')]), 'like', like),
        eb(eb.fn('lower', [eb.cast('cc_addresses', 'text')]), 'like', like),
        eb(eb.fn('lower', [eb.cast('bcc_addresses', 'text')]), 'like', like),
      ]),
    );
  }
  if (f.from) base = base.where('created_at', '>=', f.from);
  if (f.to)
    base = base.where(
      'created_at',
      /^\d{4}-\d{2}-\d{2}$/.test(f.to) ? '<' : '<=',
      /^\d{4}-\d{2}-\d{2}$/.test(f.to) ? nextDay(f.to) : f.to,
    );
  const result = await paginate(base.selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc'), base, page);
  const ids = result.items.map((e) => e.id);
  const attempts =
    ids.length === 0
      ? []
      : await tx
          .selectFrom('email_attempts')
          .selectAll()
          .where('account_id', '=', accountId)
          .where('email_id', 'in', ids)
          .orderBy('email_id')
          .orderBy('id')
          .execute();
  return { ...result, items: result.items.map((e) => ({ ...e, log: attempts.filter((a) => a.email_id === e.id) })) };
}

function nextDay(d: string): string {
  const t = new Date(`${d}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + 1);
  return t.toISOString().slice(0, 10);
}
