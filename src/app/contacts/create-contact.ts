import { sql } from 'kysely';
import { DomainError } from '../../domain/errors.js';
import type { Tx } from '../context.js';
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
  // Without a code, the contact's id becomes its code.
  const row = await tx
    .insertInto('contacts')
    .values({
      ...(values as object),
      account_id: accountId,
      code: (values.code as string | undefined) ?? sql<string>`'#' || gen_random_uuid()::text`,
      name: values.name as string,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  if (values.code) return row;
  return tx
    .updateTable('contacts')
    .set({ code: String(row.id) })
    .where('account_id', '=', accountId)
    .where('id', '=', row.id)
    .returningAll()
    .executeTakeFirstOrThrow();
}
