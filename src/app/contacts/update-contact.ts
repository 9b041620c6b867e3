import { sql } from 'kysely';
import { DomainError, notFound } from '../../domain/errors.js';
import { CONSUMIDOR_FINAL_NIF } from '../../domain/pt/nif.js';
import type { Tx } from '../context.js';
import { type ContactInput, contactValues } from './contact-input.js';
import { contactHasDocuments } from './contact-has-documents.js';
import { checkContactReferences } from './check-contact-references.js';

export async function updateContact(tx: Tx, accountId: number, id: number, input: ContactInput) {
  const current = await tx
    .selectFrom('contacts')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!current) throw notFound('contact', id);
  if (current.is_final_consumer) throw new DomainError('in_use', 'The built-in final consumer cannot be changed.');
  const values = contactValues({ country: current.country, ...input }, true);
  await checkContactReferences(tx, accountId, values);
  const taxIdChanges = 'tax_id' in values && (values.tax_id ?? null) !== (current.tax_id ?? null);
  const nameChanges = 'name' in values && values.name !== current.name;
  if ((taxIdChanges || nameChanges) && (await contactHasDocuments(tx, accountId, id))) {
    // NOTE: D8632 §3.3.3 — a customer's NIF is fixed once it has documents, except filling an empty one or replacing 999999990.
    const fillable = !current.tax_id || current.tax_id === CONSUMIDOR_FINAL_NIF;
    if (taxIdChanges && !fillable) {
      throw new DomainError('contact_tax_id_locked', 'The tax id of a contact with issued documents cannot change.', [
        { field: 'taxId', issue: 'locked', message: 'The contact has issued documents.' },
      ]);
    }
    // NOTE: D8632 §3.3.4 — nor the name of a customer without a NIF who has documents.
    if (nameChanges && fillable && !taxIdChanges) {
      throw new DomainError(
        'contact_tax_id_locked',
        'The name of a contact without a tax id that has documents cannot change.',
        [{ field: 'name', issue: 'locked', message: 'The contact has issued documents and no tax id.' }],
      );
    }
  }
  if (values.code && values.code !== current.code) {
    const clash = await tx
      .selectFrom('contacts')
      .select('id')
      .where('account_id', '=', accountId)
      .where('code', '=', values.code as string)
      .executeTakeFirst();
    if (clash)
      throw new DomainError('conflict', `A contact with code ${values.code} already exists.`, [
        { field: 'code', issue: 'not_unique', message: 'The code is already used.' },
      ]);
  }
  return tx
    .updateTable('contacts')
    .set({ ...(values as object), updated_at: sql`now()` })
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}
