import { sql } from 'kysely';
import { IssueCollector, notFound } from '../../domain/errors.js';
import type { Tx } from '../context.js';
import { passwordContext } from './load-at-credentials.js';
import type { AtDeps, AtEnvironment } from './ports.js';
import { requirePortugueseFeature } from '../../domain/regime/not-in-regime.js';
import { regimeOf } from '../../domain/regime/registry.js';

export interface AtSettingsInput {
  environment?: AtEnvironment;
  /** `NIF/subuser`; null removes the credentials. */
  username?: string | null;
  /** Stored sealed; null removes it. */
  password?: string | null;
  transportEnabled?: boolean;
  invoicesEnabled?: boolean;
}

/** NOTE: Manual Documentos de Transporte §4.1 (H.1) — the caller is a sub-user of the issuer: `<NIF>/<n>`. */
const USERNAME = /^(\d{9})\/(\d{1,10})$/;

export async function updateAtSettings(tx: Tx, deps: AtDeps, accountId: number, input: AtSettingsInput): Promise<void> {
  const account = await tx
    .selectFrom('accounts')
    .select(['tax_id', 'sandbox', 'country'])
    .where('id', '=', accountId)
    .executeTakeFirst();
  if (!account) throw notFound('account', accountId);
  requirePortugueseFeature(regimeOf(account), 'The AT (Autoridade Tributária) settings are');
  const current = await tx
    .selectFrom('at_settings')
    .selectAll()
    .where('account_id', '=', accountId)
    .forUpdate()
    .executeTakeFirst();
  const c = new IssueCollector();

  const environment = input.environment ?? current?.environment ?? 'test';
  if (input.environment !== undefined && !['test', 'production'].includes(input.environment))
    c.add('environment', 'invalid', 'test or production.');
  if (environment === 'production' && account.sandbox)
    c.add('environment', 'not_allowed', 'A sandbox account only talks to AT’s test environment.');

  let username = current?.username ?? null;
  if (input.username !== undefined) {
    username = input.username === null ? null : String(input.username).trim();
    const m = username === null ? null : USERNAME.exec(username);
    if (username !== null && !m) c.add('username', 'invalid', 'The AT sub-user is NIF/number, e.g. 503340855/1.');
    else if (m && m[1] !== account.tax_id)
      c.add('username', 'invalid', `The sub-user must belong to the account’s NIF ${account.tax_id}.`);
  }

  let passwordChange: string | null | undefined;
  if (input.password !== undefined) {
    if (input.password === null) passwordChange = null;
    else if (typeof input.password !== 'string' || input.password.length === 0 || input.password.length > 256)
      c.add('password', 'invalid', 'Between 1 and 256 characters; null removes it.');
    else passwordChange = input.password;
  }
  if (username === null && input.password) c.add('username', 'required', 'Set the sub-user with its password.');
  if (
    input.username != null &&
    current?.username &&
    input.username.trim() !== current.username &&
    passwordChange === undefined
  ) {
    c.add('password', 'required', 'A different sub-user needs its own password.');
  }

  const hasPassword = passwordChange !== undefined ? passwordChange !== null : !!current?.password_sealed;
  const ready = username !== null && hasPassword;
  // Removing the credentials switches automatic communication off, unless the same request asks for it (an error).
  const transportEnabled = input.transportEnabled ?? (ready && (current?.transport_enabled ?? false));
  const invoicesEnabled = input.invoicesEnabled ?? (ready && (current?.invoices_enabled ?? false));
  if (transportEnabled && !ready)
    c.add('transportEnabled', 'requires_credentials', 'Set the AT sub-user and password to communicate automatically.');
  if (invoicesEnabled && !ready)
    c.add('invoicesEnabled', 'requires_credentials', 'Set the AT sub-user and password to communicate automatically.');
  c.throwIfAny('The AT settings have invalid fields.');

  let sealed = current?.password_sealed ?? null;
  if (username === null || passwordChange === null) sealed = null;
  else if (passwordChange !== undefined) sealed = deps.secrets.seal(passwordChange, passwordContext(accountId));

  const values = {
    environment,
    username,
    password_sealed: sealed,
    transport_enabled: ready && transportEnabled,
    invoices_enabled: ready && invoicesEnabled,
    updated_at: sql<string>`now()` as unknown as string,
  };
  await tx
    .insertInto('at_settings')
    .values({ account_id: accountId, ...values })
    .onConflict((oc) => oc.column('account_id').doUpdateSet(values))
    .execute();
}
