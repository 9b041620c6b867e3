import type { Tx } from '../context.js';
import type { AtDeps } from './ports.js';
import { requirePortugueseFeature } from '../../domain/regime/not-in-regime.js';
import { regimeOf } from '../../domain/regime/registry.js';

/** The account's AT settings as shown to API callers: never the password, only whether one is stored. */
export async function getAtSettings(tx: Tx, deps: AtDeps, accountId: number) {
  // The account's regime and its settings (none yet: nulls) in one read.
  const row = await tx
    .selectFrom('accounts as a')
    .leftJoin('at_settings as s', 's.account_id', 'a.id')
    .select([
      'a.country',
      's.account_id',
      's.environment',
      's.username',
      's.password_sealed',
      's.transport_enabled',
      's.invoices_enabled',
      's.updated_at',
    ])
    .where('a.id', '=', accountId)
    .executeTakeFirst();
  if (row) requirePortugueseFeature(regimeOf(row), 'The AT (Autoridade Tributária) settings are');
  const s = row?.account_id != null ? row : undefined;
  const environment = s?.environment ?? 'test';
  return {
    environment,
    username: s?.username ?? null,
    passwordSet: !!s?.password_sealed,
    transportEnabled: s?.transport_enabled ?? false,
    invoicesEnabled: s?.invoices_enabled ?? false,
    updatedAt: s?.updated_at ? new Date(s.updated_at).toISOString() : null,
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
