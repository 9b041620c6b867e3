import { DomainError } from '../../domain/errors.js';
import type { Tx } from '../context.js';
import type { AtCredentials, AtEnvironment, AtService, SecretBox } from './ports.js';

export const passwordContext = (accountId: number) => `at-password:${accountId}`;

export type LoadedCredentials =
  | { ok: true; credentials: AtCredentials; transportEnabled: boolean; invoicesEnabled: boolean }
  | { ok: false; environment: AtEnvironment; reason: string };

/** The account's AT sub-user with its password opened; or why there is none usable. */
export async function loadAtCredentials(tx: Tx, secrets: SecretBox, accountId: number): Promise<LoadedCredentials> {
  const s = await tx.selectFrom('at_settings').selectAll().where('account_id', '=', accountId).executeTakeFirst();
  const environment = s?.environment ?? 'test';
  if (!s?.username || !s.password_sealed)
    return { ok: false, environment, reason: 'The AT sub-user and password are not set (PUT /v1/at/settings).' };
  try {
    const password = secrets.open(s.password_sealed, passwordContext(accountId));
    return {
      ok: true,
      credentials: { environment, username: s.username, password },
      transportEnabled: s.transport_enabled,
      invoicesEnabled: s.invoices_enabled,
    };
  } catch (err) {
    return { ok: false, environment, reason: err instanceof Error ? err.message : String(err) };
  }
}

/** Same, for requests: a clear 409 when the account or the installation is not ready to talk to AT. */
export async function requireAtCredentials(
  tx: Tx,
  deps: { secrets: SecretBox; gateway: { notReadyReason(env: AtEnvironment, service?: AtService): string | null } },
  accountId: number,
  service: AtService,
): Promise<AtCredentials> {
  const loaded = await loadAtCredentials(tx, deps.secrets, accountId);
  if (!loaded.ok) throw new DomainError('at_not_configured', loaded.reason);
  const reason = deps.gateway.notReadyReason(loaded.credentials.environment, service);
  if (reason) throw new DomainError('at_not_configured', reason);
  return loaded.credentials;
}
