import { DomainError } from '../../domain/errors.js';
import type { Tx } from '../context.js';
import { clearOtherDefaults } from '../reference/clear-other-defaults.js';
import { type TaxInput, taxValues } from './tax-input.js';

export async function createTax(tx: Tx, accountId: number, input: TaxInput) {
  const values = taxValues(input, false);
  const clash = await tx
    .selectFrom('taxes')
    .select('id')
    .where('account_id', '=', accountId)
    .where('name', '=', values.name as string)
    .executeTakeFirst();
  if (clash)
    throw new DomainError('conflict', `A tax named ${values.name} already exists.`, [
      { field: 'name', issue: 'not_unique', message: 'The name is already used.' },
    ]);
  if (values.is_default) await clearOtherDefaults(tx, accountId, 'taxes');
  const row = await tx
    .insertInto('taxes')
    .values({ ...values, account_id: accountId } as never)
    .returningAll()
    .executeTakeFirstOrThrow();
  if (row.is_default)
    await tx.updateTable('accounts').set({ default_tax_id: row.id }).where('id', '=', accountId).execute();
  return row;
}
