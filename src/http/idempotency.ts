import { createHash } from 'node:crypto';
import { runOnce, type StoredResponse, type TxRunner } from '../app/idempotency/run-once.js';

export type { StoredResponse, TxRunner };

/** The digest of what makes two requests the same (method, route, parameters, body). */
export function requestHash(parts: unknown): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

/** A create at most once per idempotency key: the `runOnce` use case (its SQL is the app layer's), for the APIs' create routes. */
export const onceByKey: typeof runOnce = runOnce;
