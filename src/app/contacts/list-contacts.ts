import type { Tx } from '../context.js';
import { type Page, type PageRequest, paginate } from '../pagination.js';
import type { Contact } from '../../infra/db/schema.js';

/** Columns a caller may filter contacts by, exactly or with a case-insensitive substring. */
export const CONTACT_FILTER_COLUMNS = [
  'name',
  'code',
  'tax_id',
  'email',
  'street',
  'postal_code',
  'city',
  'country',
  'phone',
  'website',
  'contact_person',
  'observations',
  'payment_terms_days',
  'withholding',
  'language',
] as const;
export type ContactFilterColumn = (typeof CONTACT_FILTER_COLUMNS)[number];

export interface ContactFilter {
  text?: string;
  code?: string;
  taxId?: string;
  email?: string;
  kind?: string;
  /** Only archived (true) or only active (false) contacts; both when absent. */
  archived?: boolean;
  /** Per-column conditions, all of which must hold. */
  where?: { column: ContactFilterColumn; op: 'eq' | 'like'; value: string | number | boolean }[];
  order?: { column: ContactFilterColumn | 'id'; dir: 'asc' | 'desc' };
}

const escapeLike = (s: string) => `%${s.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;

export async function listContacts(
  tx: Tx,
  accountId: number,
  filter: ContactFilter,
  page: PageRequest,
): Promise<Page<Contact>> {
  let q = tx.selectFrom('contacts').where('account_id', '=', accountId);
  if (filter.code) q = q.where('code', '=', filter.code);
  if (filter.taxId) q = q.where('tax_id', '=', filter.taxId);
  if (filter.email) q = q.where((eb) => eb.fn('lower', ['email']), '=', filter.email.toLowerCase());
  if (filter.archived !== undefined) q = q.where('archived', '=', filter.archived);
  if (filter.kind) q = q.where('kind', 'in', [filter.kind as 'customer', 'both']);
  if (filter.text) {
    const like = escapeLike(filter.text);
    q = q.where((eb) =>
      eb.or([
        eb('name', 'ilike', like),
        eb('code', 'ilike', like),
        eb('tax_id', 'ilike', like),
        eb('email', 'ilike', like),
      ]),
    );
  }
  for (const w of filter.where ?? []) {
    if (!(CONTACT_FILTER_COLUMNS as readonly string[]).includes(w.column)) continue;
    q =
      w.op === 'like'
        ? q.where((eb) => eb(eb.cast(eb.ref(w.column), 'text'), 'ilike', escapeLike(String(w.value))))
        : q.where(w.column, '=', w.value as never);
  }
  const order = filter.order ?? { column: 'id', dir: 'asc' };
  return paginate(q.selectAll().orderBy(order.column, order.dir).orderBy('id', order.dir), q, page);
}
