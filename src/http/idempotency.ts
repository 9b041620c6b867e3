import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { runOnce, type OnceTarget, type StoredResponse, type TxRunner } from '../app/idempotency/run-once.js';
import type { DB } from '../infra/db/schema.js';

export type { StoredResponse, TxRunner };

/** The digest of what makes two requests the same (method, route, parameters, body). */
export function requestHash(parts: unknown): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

/** A create at most once per idempotency key: the `runOnce` use case, for the APIs' create routes. */
export function onceByKey(
  db: Kysely<DB>,
  target: OnceTarget,
  work: (tx: Transaction<DB>) => Promise<StoredResponse>,
  runInTx?: TxRunner,
  prepare?: () => Promise<void>,
): Promise<StoredResponse & { replayed: boolean }> {
  return runOnce(db, target, work, runInTx, prepare);
}
