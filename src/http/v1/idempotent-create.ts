import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db, Tx } from '../../app/context.js';
import { DomainError } from '../../domain/errors.js';
import { onceByKey, requestHash, type TxRunner } from '../idempotency.js';
import { principalOf } from '../kit/request-context.js';

export interface CreateOptions {
  /** Runs the transaction (e.g. group-committed with other requests of the account). */
  runInTx?: TxRunner;
  /** Renders a created document after commit, so the response costs nothing inside the transaction. */
  render?: (documentId: number) => Promise<unknown>;
  /** Work that needs no lock, run before the transaction (after the idempotency claim, so never for a replay). */
  prepare?: () => Promise<void>;
  /**
   * Without an Idempotency-Key (nothing else to write in the transaction): does the create its own way, e.g.
   * issued together with other requests; undefined to run `work` as usual.
   */
  direct?: () => Promise<{ documentId: number; fresh?: () => unknown } | undefined>;
}

/**
 * Runs a native create in one transaction; with an `Idempotency-Key` header, at most once per key:
 * same key and body → the original response; different body → 422; still in flight → 409.
 */
export async function idempotentCreate(
  db: Db,
  request: FastifyRequest,
  reply: FastifyReply,
  work: (tx: Tx) => Promise<{ body?: unknown; documentId?: number; fresh?: () => unknown }>,
  opts: CreateOptions = {},
) {
  const runInTx: TxRunner = opts.runInTx ?? ((fn) => db.transaction().execute(fn));
  const run = async (tx: Tx) => ({ status: 201, ...(await work(tx)) });
  const raw = request.headers['idempotency-key'];
  let out: { status: number; body?: unknown; documentId?: number | null; fresh?: () => unknown; replayed?: boolean };
  if (raw === undefined) {
    if (opts.prepare) await opts.prepare();
    const direct = opts.direct && (await opts.direct());
    out = direct ? { status: 201, ...direct } : await runInTx(run);
  } else {
    const key = Array.isArray(raw) ? raw[0] : raw;
    if (!key || key.length > 255)
      throw new DomainError('validation', 'Idempotency-Key must be 1 to 255 characters.', [
        { field: 'Idempotency-Key', issue: 'invalid', message: '1 to 255 characters.' },
      ]);
    out = await onceByKey(
      db,
      {
        accountId: principalOf(request).accountId,
        scope: 'native',
        key,
        hash: requestHash([request.method, request.routeOptions.url, request.params, request.body]),
      },
      run,
      runInTx,
      opts.prepare,
    );
    if (out.replayed) reply.header('idempotent-replayed', 'true');
  }
  let body = out.body;
  if (body === undefined && out.fresh) body = out.fresh();
  else if (body === undefined && out.documentId && opts.render) body = await opts.render(out.documentId);
  return reply.status(out.status).send(body);
}
