import type { Tx } from '../context.js';
import type { AtDeps } from './ports.js';
import { requirePortugueseAccount } from '../accounts/require-portuguese-account.js';

/** The account's AT settings as shown to API callers: never the password, only whether one is stored. */
export async function getAtSettings(tx: Tx, deps: AtDeps, accountId: number) {
  await requirePortugueseAccount(tx, accountId, 'The AT (Autoridade Tributária) settings are');
  const s = await tx.selectFrom('at_settings').selectAll().where('account_id', '=', accountId).executeTakeFirst();
  const environment = s?.environment ?? 'test';
  return {
    environment,
    username: s?.username ?? null,
    passwordSet: !!s?.password_sealed,
    transportEnabled: s?.transport_enabled ?? false,
    invoicesEnabled: s?.invoices_enabled ?? false,
    updatedAt: s ? new Date(s.updated_at).toISOString() : null,
    installation: {
      /** Why this installation cannot call AT in the account's environment (AT key, client certificate), or null. */
      notReadyReason: deps.gateway.notReadyReason(environment),
      /** Why credentials cannot be stored (no secret key), or null. */
      secretStorageReason: deps.secrets.unavailableReason(),
      endpoints: {
        series: deps.gateway.endpoint(environment, 'series'),
        transport: deps.gateway.endpoint(environment, 'transport'),
        invoices: deps.gateway.endpoint(environment, 'invoices'),
      },
    },
  };
}
