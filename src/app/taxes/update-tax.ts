import { DomainError, notFound } from '../../domain/errors.js';
import type { Tx } from '../context.js';
import { clearOtherDefaults } from '../reference/clear-other-defaults.js';
import { type TaxInput, taxValues } from './tax-input.js';

/** Documents copy the rate and codes of their taxes, so editing a tax never changes an issued document. */
export async function updateTax(tx: Tx, accountId: number, id: number, input: TaxInput) {
  const current = await tx
    .selectFrom('taxes')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!current) throw notFound('tax', id);
  const values = taxValues(input, true);
  if (values.is_default === false && current.is_default)
    throw new DomainError('validation', 'Set another tax as default instead.', [
      { field: 'isDefault', issue: 'invalid', message: 'An account always has a default tax.' },
    ]);
  if (values.name && values.name !== current.name) {
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
  }
  if (values.is_default && !current.is_default) {
    await clearOtherDefaults(tx, accountId, 'taxes');
    await tx.updateTable('accounts').set({ default_tax_id: id }).where('id', '=', accountId).execute();
  }
  if (!Object.keys(values).length) return current;
  return tx
    .updateTable('taxes')
    .set(values as never)
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}
