import { isStalePlanError } from './statement-names.js';

/**
 * Deadlocks (40P01) and serialization failures (40001) roll a transaction back through no fault of its own: run
 * again, it succeeds. PostgreSQL picks one of the transactions in a deadlock to fail; several processes issuing
 * into the same series can meet one (a batch that finalizes a draft in one series and issues into another).
 */
const RETRYABLE = new Set(['40P01', '40001']);

/** Attempts of one transaction, the first included, before its deadlock reaches the caller. */
export const TX_ATTEMPTS = 6;

export function isRetryableTxError(err: unknown): boolean {
  for (
    let e = err as { code?: unknown; cause?: unknown } | undefined, depth = 0;
    e && depth < 3;
    e = e.cause as typeof e, depth++
  ) {
    if (typeof e.code === 'string' && RETRYABLE.has(e.code)) return true;
    // A prepared statement whose result type a migration changed: it is prepared again on the next attempt.
    if (isStalePlanError(e)) return true;
  }
  return false;
}

/** A short, growing, jittered pause, so the transactions that met do not meet again at once. */
export function retryPause(attempt: number): Promise<void> {
  const ms = Math.min(200, 5 * 2 ** attempt) * (0.5 + Math.random());
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Runs `attempt` (a whole transaction) again after a deadlock or serialization failure, up to `TX_ATTEMPTS` times. */
export async function retryTransaction<T>(attempt: () => Promise<T>): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (err) {
      if (n >= TX_ATTEMPTS || !isRetryableTxError(err)) throw err;
      await retryPause(n);
    }
  }
}
