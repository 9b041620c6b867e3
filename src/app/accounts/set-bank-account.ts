import { bankAccountInput } from '../../domain/einvoice/bank-account.js';
import type { Tx } from '../context.js';
import { getAccount } from './get-account.js';

/** Sets (or clears, with null) the account's IBAN and BIC, stated on its e-invoices; answers the account. */
export async function setBankAccount(tx: Tx, accountId: number, input: { iban?: string | null; bic?: string | null }) {
  const set = bankAccountInput(input);
  if (set.iban !== undefined || set.bic !== undefined)
    await tx.updateTable('accounts').set(set).where('id', '=', accountId).execute();
  return getAccount(tx, accountId);
}
