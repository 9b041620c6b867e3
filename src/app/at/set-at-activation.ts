import { DomainError, notFound } from '../../domain/errors.js';
import type { Ctx, Db } from '../context.js';
import { requirePortugueseAccount } from '../accounts/require-portuguese-account.js';
import type { AtDeps, AtEnvironment } from './ports.js';
import { callFields, recordAtCommunication } from './record-at-communication.js';
import { updateAtSettings } from './update-at-settings.js';

export interface AtActivationInput {
  /** `NIF/subuser`. */
  username: string;
  password: string;
  /** Communicate transport documents and invoices automatically. */
  active: boolean;
}

export interface AtActivationResult {
  environment: AtEnvironment;
  /** Whether AT accepted the credentials before they were stored; false when the installation cannot ask AT. */
  verified: boolean;
  /** Why AT was not asked (the installation's AT key or certificate is missing), or null. */
  notVerifiedReason: string | null;
}

/** Thrown inside the dry run so its transaction rolls back. */
class DryRun extends Error {}

/**
 * Sets the AT sub-user the account communicates with, checking it with AT first (a read-only SeriesWS
 * consultarSeries with the new credentials, logged without secrets): credentials AT refuses are not stored.
 * The environment follows the account: a sandbox account talks to AT's test environment, any other to production.
 * When the installation cannot reach AT (no AT public key or certificate), the credentials are stored unchecked.
 */
export async function setAtActivation(
  db: Db,
  deps: AtDeps,
  ctx: Ctx,
  input: AtActivationInput,
): Promise<AtActivationResult> {
  await requirePortugueseAccount(db, ctx.accountId, 'Communication with the AT (Autoridade Tributária) is');
  const account = await db.selectFrom('accounts').select('sandbox').where('id', '=', ctx.accountId).executeTakeFirst();
  if (!account) throw notFound('account', ctx.accountId);
  const environment: AtEnvironment = account.sandbox ? 'test' : 'production';
  const settings = {
    environment,
    username: input.username,
    password: input.password,
    transportEnabled: input.active,
    invoicesEnabled: input.active,
  };
  // The settings' own checks (sub-user format and NIF, password length, the secret key) before anything reaches AT.
  await db
    .transaction()
    .execute(async (tx) => {
      await updateAtSettings(tx, deps, ctx.accountId, settings);
      throw new DryRun();
    })
    .catch((err: unknown) => {
      if (!(err instanceof DryRun)) throw err;
    });

  const notVerifiedReason = deps.gateway.notReadyReason(environment, 'series');
  if (!notVerifiedReason) {
    const credentials = { environment, username: settings.username.trim(), password: input.password };
    const r = await deps.gateway.listSeries(credentials, {});
    await recordAtCommunication(db, {
      accountId: ctx.accountId,
      service: 'series',
      operation: 'consultarSeries',
      environment,
      startedAt: ctx.now,
      final: true,
      ...callFields(r),
      response: r.outcome === 'success' ? { series: r.data?.length ?? 0 } : r.response,
    });
    if (r.outcome === 'permanent')
      throw new DomainError('validation', `AT refused the credentials${r.code ? ` (${r.code})` : ''}: ${r.message}`, [
        { field: 'password', issue: 'invalid', message: r.message },
      ]);
    if (r.outcome === 'retryable')
      throw new DomainError('at_unavailable', `AT could not be reached to check the credentials: ${r.message}`, [], {
        returnCode: r.code,
      });
  }
  await db.transaction().execute((tx) => updateAtSettings(tx, deps, ctx.accountId, settings));
  return { environment, verified: !notVerifiedReason, notVerifiedReason };
}
