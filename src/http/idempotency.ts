import { createHash } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import { DomainError } from '../domain/errors.js';
import type { DB } from '../infra/db/schema.js';

export interface StoredResponse {
  status: number;
  /** The response body; may be left out when the response is the current view of `documentId`. */
  body?: unknown;
  documentId?: number | null;
  /** The first response's body when `body` is left out, built from what the transaction wrote (never stored). */
  fresh?: () => unknown;
}

export type TxRunner = <T>(work: (tx: Transaction<DB>) => Promise<T>) => Promise<T>;

/** How long an in-flight claim blocks duplicates before a retry may take it over (a crashed request). */
const CLAIM_SECONDS = 60;

export function requestHash(parts: unknown): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

/**
 * Runs a create exactly once per (account, scope, key). The claim is its own short statement, so concurrent
 * duplicates see it at once: in flight → 409; done with the same request → the stored response; done with a
 * different request → 422. The work and the stored response commit in one transaction; a failure releases the claim.
 * `prepare` runs once claimed, before the transaction (work that needs no lock).
 */
export async function onceByKey(
  db: Kysely<DB>,
  target: { accountId: number; scope: string; key: string; hash: string },
  work: (tx: Transaction<DB>) => Promise<StoredResponse>,
  runInTx: TxRunner = (fn) => db.transaction().execute(fn),
  prepare?: () => Promise<void>,
): Promise<StoredResponse & { replayed: boolean }> {
  const claimed = await sql<{ key: string }>`
    INSERT INTO idempotency_keys (account_id, scope, key, request_hash, locked_until)
    VALUES (${target.accountId}, ${target.scope}, ${target.key}, ${target.hash}, now() + make_interval(secs => ${CLAIM_SECONDS}))
    ON CONFLICT (account_id, scope, key) DO UPDATE SET request_hash = EXCLUDED.request_hash, locked_until = EXCLUDED.locked_until, created_at = now()
      WHERE idempotency_keys.state = 'in_flight' AND idempotency_keys.locked_until < now()
    RETURNING key`.execute(db);
  if (!claimed.rows.length) {
    const existing = await db.selectFrom('idempotency_keys').selectAll()
      .where('account_id', '=', target.accountId).where('scope', '=', target.scope).where('key', '=', target.key).executeTakeFirst();
    if (!existing || existing.state === 'in_flight') {
      throw new DomainError('idempotency_in_flight', 'A request with this idempotency key is still being processed; retry later.');
    }
    if (existing.request_hash !== target.hash) {
      throw new DomainError('idempotency_mismatch', 'This idempotency key was already used with a different request.');
    }
    return { status: existing.response_status ?? 200, body: existing.response_body ?? undefined, documentId: existing.document_id, replayed: true };
  }
  try {
    if (prepare) await prepare();
    const res = await runInTx(async (tx) => {
      const out = await work(tx);
      await tx.updateTable('idempotency_keys').set({
        state: 'done', response_status: out.status, response_body: JSON.stringify(out.body ?? null), document_id: out.documentId ?? null,
      }).where('account_id', '=', target.accountId).where('scope', '=', target.scope).where('key', '=', target.key).execute();
      return out;
    });
    return { ...res, replayed: false };
  } catch (err) {
    await db.deleteFrom('idempotency_keys').where('account_id', '=', target.accountId).where('scope', '=', target.scope)
      .where('key', '=', target.key).where('state', '=', 'in_flight').execute().catch(() => undefined);
    throw err;
  }
}
