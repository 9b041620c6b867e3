import { DomainError } from '../../domain/errors.js';
import type { Tx } from '../context.js';
import { loadAtCredentials } from './load-at-credentials.js';
import type { AtDeps } from './ports.js';
import { callFields, recordAtCommunication } from './record-at-communication.js';
import { requirePortugueseAccount } from '../accounts/require-portuguese-account.js';

/**
 * Checks that AT accepts the account's credentials: a SeriesWS consultarSeries (read-only) with the stored
 * sub-user. Failure is an answer (ok: false with AT's code and message), not an error.
 */
export async function testAtConnection(db: Tx, deps: AtDeps, accountId: number, now: Date) {
  await requirePortugueseAccount(db, accountId, 'The AT (Autoridade Tributária) connection is');
  const loaded = await loadAtCredentials(db, deps.secrets, accountId);
  if (!loaded.ok) throw new DomainError('at_not_configured', loaded.reason);
  const c = loaded.credentials;
  const endpoint = deps.gateway.endpoint(c.environment, 'series');
  const r = await deps.gateway.listSeries(c, {});
  const id = await recordAtCommunication(db, {
    accountId,
    service: 'series',
    operation: 'consultarSeries',
    environment: c.environment,
    startedAt: now,
    final: true,
    ...callFields(r),
    response: r.outcome === 'success' ? { series: r.data?.length ?? 0 } : r.response,
  });
  return {
    ok: r.outcome === 'success',
    environment: c.environment,
    endpoint,
    code: r.code,
    message: r.message,
    retryable: r.outcome === 'retryable',
    durationMs: r.durationMs,
    communicationId: id,
  };
}
