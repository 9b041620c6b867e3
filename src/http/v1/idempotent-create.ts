import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely, Transaction } from 'kysely';
import { DomainError } from '../../domain/errors.js';
import type { DB } from '../../infra/db/schema.js';
import { onceByKey, requestHash } from '../idempotency.js';
import { principalOf } from '../request-context.js';

/**
 * Runs a native create in one transaction; with an `Idempotency-Key` header, at most once per key:
 * same key and body → the original response; different body → 422; still in flight → 409.
 */
export async function idempotentCreate(
  db: Kysely<DB>, request: FastifyRequest, reply: FastifyReply,
  work: (tx: Transaction<DB>) => Promise<{ body: unknown; documentId?: number }>,
) {
  const run = async (tx: Transaction<DB>) => ({ status: 201, ...(await work(tx)) });
  const raw = request.headers['idempotency-key'];
  if (raw === undefined) {
    const out = await db.transaction().execute(run);
    return reply.status(201).send(out.body);
  }
  const key = Array.isArray(raw) ? raw[0] : raw;
  if (!key || key.length > 255) throw new DomainError('validation', 'Idempotency-Key must be 1 to 255 characters.', [{ field: 'Idempotency-Key', issue: 'invalid', message: '1 to 255 characters.' }]);
  const out = await onceByKey(db, {
    accountId: principalOf(request).accountId, scope: 'native', key,
    hash: requestHash([request.method, request.routeOptions.url, request.params, request.body]),
  }, run);
  if (out.replayed) reply.header('idempotent-replayed', 'true');
  return reply.status(out.status).send(out.body);
}
