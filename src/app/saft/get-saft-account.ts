import { notFound } from '../../domain/errors.js';
import { requirePortugueseFeature } from '../../domain/regime/not-in-regime.js';
import { regimeOf } from '../../domain/regime/registry.js';
import type { Tx } from '../context.js';

/** The issuer data of a SAF-T header. */
export async function getSaftAccount(tx: Tx, accountId: number) {
  const account = await tx
    .selectFrom('accounts')
    .select([
      'id',
      'legal_name',
      'trade_name',
      'tax_id',
      'country',
      'street',
      'postal_code',
      'city',
      'region',
      'email',
      'phone',
      'website',
      'company_registry',
      'software_cert_number',
    ])
    .where('id', '=', accountId)
    .executeTakeFirst();
  if (!account) throw notFound('account', accountId);
  requirePortugueseFeature(regimeOf(account), 'The SAF-T (PT) audit file is');
  return account;
}

export type SaftAccount = Awaited<ReturnType<typeof getSaftAccount>>;
