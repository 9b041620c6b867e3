import type { Tx } from '../context.js';
import { type Page, type PageRequest, paginate } from '../pagination.js';
import type { Contact } from '../../infra/db/schema.js';

export interface ContactFilter {
  text?: string;
  code?: string;
  taxId?: string;
  email?: string;
  kind?: string;
}

export async function listContacts(tx: Tx, accountId: number, filter: ContactFilter, page: PageRequest): Promise<Page<Contact>> {
  let q = tx.selectFrom('contacts').where('account_id', '=', accountId);
  if (filter.code) q = q.where('code', '=', filter.code);
  if (filter.taxId) q = q.where('tax_id', '=', filter.taxId);
  if (filter.email) q = q.where((eb) => eb.fn('lower', ['email']), '=', filter.email.toLowerCase());
  if (filter.kind) q = q.where('kind', 'in', [filter.kind as 'customer', 'both']);
  if (filter.text) {
    const like = `%${filter.text.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    q = q.where((eb) => eb.or([eb('name', 'ilike', like), eb('code', 'ilike', like), eb('tax_id', 'ilike', like), eb('email', 'ilike', like)]));
  }
  return paginate(q.selectAll().orderBy('id'), q, page);
}
