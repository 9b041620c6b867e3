import { DomainError } from '../../domain/errors.js';
import type { Tx } from '../context.js';
import { insertWithFreeCode } from '../insert-with-free-code.js';
import { type ContactInput, contactValues } from './contact-input.js';
import { checkContactReferences } from './check-contact-references.js';

export async function createContact(tx: Tx, accountId: number, input: ContactInput, path = '') {
  const values = contactValues(input, false, path);
  await checkContactReferences(tx, accountId, values, path);
  if (values.code) {
    const clash = await tx
      .selectFrom('contacts')
      .select('id')
      .where('account_id', '=', accountId)
      .where('code', '=', values.code as string)
      .executeTakeFirst();
    if (clash)
      throw new DomainError('conflict', `A contact with code ${values.code} already exists.`, [
        {
          field: path ? `${path}.code` : 'code',
          issue: 'not_unique',
          message: 'The code is already used.',
          value: String(values.code),
        },
      ]);
  }
  const row = { ...(values as object), account_id: accountId, name: values.name as string };
  // Without a code, the contact's id becomes its code, or a free one where that is taken.
  if (!values.code) return insertWithFreeCode(tx, 'contacts', row);
  return tx
    .insertInto('contacts')
    .values({ ...row, code: values.code as string })
    .returningAll()
    .executeTakeFirstOrThrow();
}
