import { requirePortugueseFeature } from '../../domain/regime/not-in-regime.js';
import { regimeOf } from '../../domain/regime/registry.js';
import type { Tx } from '../context.js';

/**
 * Refuses (422 `not_in_regime`, naming the feature) what only the Portuguese regime has — SAF-T (PT), the AT
 * settings, series registration and communication, ATCUD validation codes — to an account of another regime.
 */
export async function requirePortugueseAccount(tx: Tx, accountId: number, feature: string): Promise<void> {
  const account = await tx.selectFrom('accounts').select('country').where('id', '=', accountId).executeTakeFirst();
  if (account) requirePortugueseFeature(regimeOf(account), feature);
}
