import type { Tx } from '../context.js';

/** SAF-T PaymentMechanism codes (P302 4.1.4.20.6) and the name a method gets when an account has none of that code. */
export const PAYMENT_MECHANISM_NAMES: Readonly<Record<string, string>> = {
  CC: 'Cartão de crédito',
  CD: 'Cartão de débito',
  CH: 'Cheque',
  CI: 'Crédito documentário internacional',
  CO: 'Cheque ou cartão oferta',
  CS: 'Compensação de saldos em conta corrente',
  DE: 'Dinheiro eletrónico',
  LC: 'Letra comercial',
  MB: 'Multibanco',
  NU: 'Numerário',
  OU: 'Outros',
  PR: 'Permuta de bens',
  TB: 'Transferência bancária',
  TR: 'Títulos de compensação extrassalarial',
};

/**
 * The account's payment method with this SAF-T code (its default one first), created with the standard name when
 * the account has none: compatibility APIs name methods only by code. Undefined for an unknown code.
 */
export async function resolvePaymentMethod(
  tx: Tx,
  accountId: number,
  saftCode: string,
): Promise<{ id: number; name: string; saft_code: string } | undefined> {
  const name = PAYMENT_MECHANISM_NAMES[saftCode];
  if (!name) return undefined;
  const found = await tx
    .selectFrom('payment_methods')
    .select(['id', 'name', 'saft_code'])
    .where('account_id', '=', accountId)
    .where('saft_code', '=', saftCode)
    .orderBy('is_default', 'desc')
    .orderBy('id')
    .executeTakeFirst();
  if (found) return found;
  return tx
    .insertInto('payment_methods')
    .values({ account_id: accountId, name, saft_code: saftCode })
    .returning(['id', 'name', 'saft_code'])
    .executeTakeFirstOrThrow();
}
