import { sql, type Kysely, type Transaction } from 'kysely';
import { DomainError } from '../../domain/errors.js';
import type { DB } from '../../infra/db/schema.js';
import { ownerLivenessOf } from '../../infra/db/owner-liveness.js';

export interface StoredResponse {
  status: number;
  /** The response body; may be left out when the response is the current view of `documentId`. */
  body?: unknown;
  documentId?: number | null;
  /** The first response's body when `body` is left out, built from what the transaction wrote (never stored). */
  fresh?: () => unknown;
}

export type TxRunner = <T>(work: (tx: Transaction<DB>) => Promise<T>) => Promise<T>;

export interface OnceTarget {
  accountId: number;
  /** The API the key came through (`native`, `ix`): keys of different scopes never meet. */
  scope: string;
  key: string;
  /** The request's digest: the same key with another request is refused. */
  hash: string;
}

/**
 * How long a claim whose owner is unknown (claimed before owners were recorded) blocks duplicates. A claim with an
 * owner blocks them exactly while its owner lives.
 */
const CLAIM_SECONDS = 60;

const inFlight = () =>
  new DomainError(
    'idempotency_in_flight',
    'A request with this idempotency key is still being processed; retry later.',
  );

/**
 * Runs a create exactly once per (account, scope, key). The claim is its own short statement, so concurrent
 * duplicates see it at once: in flight → 409; done with the same request → the stored response; done with a
 * different request → 422. The work and the stored response commit in one transaction; a failure releases the claim.
 * A claim whose owner died (a crash mid-request) is taken over by the next retry at once: the owner is the process's
 * database handle, and its liveness is the database's to tell (`owner-liveness.ts`).
 * `prepare` runs once claimed, before the transaction (work that needs no lock).
 */
export async function runOnce(
  db: Kysely<DB>,
  target: OnceTarget,
  work: (tx: Transaction<DB>) => Promise<StoredResponse>,
  runInTx: TxRunner = (fn) => db.transaction().execute(fn),
  prepare?: () => Promise<void>,
): Promise<StoredResponse & { replayed: boolean }> {
  const liveness = ownerLivenessOf(db);
  const me = await liveness.id();
  const claimed = await sql<{ key: string }>`
    INSERT INTO idempotency_keys (account_id, scope, key, request_hash, locked_until, owner)
    VALUES (${target.accountId}, ${target.scope}, ${target.key}, ${target.hash}, now() + make_interval(secs => ${CLAIM_SECONDS}), ${me})
    ON CONFLICT (account_id, scope, key) DO UPDATE SET request_hash = EXCLUDED.request_hash, locked_until = EXCLUDED.locked_until,
      owner = EXCLUDED.owner, created_at = now()
      WHERE idempotency_keys.state = 'in_flight' AND idempotency_keys.owner IS NULL AND idempotency_keys.locked_until < now()
    RETURNING key`.execute(db);
  if (!claimed.rows.length && !(await takeOverFromDead(db, target, me))) {
    const existing = await db
      .selectFrom('idempotency_keys')
      .selectAll()
      .where('account_id', '=', target.accountId)
      .where('scope', '=', target.scope)
      .where('key', '=', target.key)
      .executeTakeFirst();
    if (!existing || existing.state === 'in_flight') throw inFlight();
    if (existing.request_hash !== target.hash) {
      throw new DomainError('idempotency_mismatch', 'This idempotency key was already used with a different request.');
    }
    return {
      status: existing.response_status ?? 200,
      body: existing.response_body ?? undefined,
      documentId: existing.document_id,
      replayed: true,
    };
  }
  try {
    if (prepare) await prepare();
    const res = await runInTx(async (tx) => {
      const out = await work(tx);
      const stored = await tx
        .updateTable('idempotency_keys')
        .set({
          state: 'done',
          response_status: out.status,
          response_body: JSON.stringify(out.body ?? null),
          document_id: out.documentId ?? null,
        })
        .where('account_id', '=', target.accountId)
        .where('scope', '=', target.scope)
        .where('key', '=', target.key)
        .where('state', '=', 'in_flight')
        .where('owner', '=', me)
        .executeTakeFirst();
      // The claim is no longer ours (taken over while this request was thought dead): nothing of it may commit.
      if (Number(stored.numUpdatedRows) !== 1) throw inFlight();
      return out;
    });
    return { ...res, replayed: false };
  } catch (err) {
    await db
      .deleteFrom('idempotency_keys')
      .where('account_id', '=', target.accountId)
      .where('scope', '=', target.scope)
      .where('key', '=', target.key)
      .where('state', '=', 'in_flight')
      .where('owner', '=', me)
      .execute()
      .catch(() => undefined);
    throw err;
  }
}

/** Takes an in-flight claim whose owner is dead; only one retry wins it (the owner is compared and swapped). */
async function takeOverFromDead(db: Kysely<DB>, target: OnceTarget, me: number): Promise<boolean> {
  const row = await db
    .selectFrom('idempotency_keys')
    .select(['state', 'owner'])
    .where('account_id', '=', target.accountId)
    .where('scope', '=', target.scope)
    .where('key', '=', target.key)
    .executeTakeFirst();
  if (!row || row.state !== 'in_flight' || row.owner === null || row.owner === me) return false;
  if (await ownerLivenessOf(db).isAlive(db, row.owner)) return false;
  const taken = await db
    .updateTable('idempotency_keys')
    .set({
      owner: me,
      request_hash: target.hash,
      locked_until: sql`now() + make_interval(secs => ${CLAIM_SECONDS})`,
      created_at: sql`now()`,
    })
    .where('account_id', '=', target.accountId)
    .where('scope', '=', target.scope)
    .where('key', '=', target.key)
    .where('state', '=', 'in_flight')
    .where('owner', '=', row.owner)
    .executeTakeFirst();
  return Number(taken.numUpdatedRows) === 1;
}
