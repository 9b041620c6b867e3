import { DomainError, notFound } from '../../domain/errors.js';
import type { Tx } from '../context.js';

export async function deleteTax(tx: Tx, accountId: number, id: number): Promise<void> {
  const current = await tx
    .selectFrom('taxes')
    .select(['id', 'is_default'])
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!current) throw notFound('tax', id);
  const used = await tx
    .selectFrom('document_lines')
    .select('id')
    .where('account_id', '=', accountId)
    .where('tax_id', '=', id)
    .limit(1)
    .executeTakeFirst();
  const onItem = await tx
    .selectFrom('items')
    .select('id')
    .where('account_id', '=', accountId)
    .where((eb) => eb.or([eb('tax_id', '=', id), eb('purchase_tax_id', '=', id)]))
    .limit(1)
    .executeTakeFirst();
  if (used || onItem || current.is_default)
    throw new DomainError(
      'in_use',
      'The tax is used (or is the default) and cannot be deleted; set an expiry date instead.',
    );
  await tx.deleteFrom('taxes').where('account_id', '=', accountId).where('id', '=', id).execute();
}
