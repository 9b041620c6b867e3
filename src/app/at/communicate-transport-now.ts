import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { DB } from '../../infra/db/schema.js';
import type { Ctx } from '../context.js';
import type { CommunicationResult } from './communicate-document.js';
import { communicateDocumentNow } from './communicate-document-now.js';
import { AT_TRANSPORT_JOB } from './enqueue-at-communication.js';
import type { AtDeps } from './ports.js';

export interface HandOverOptions {
  /** How long to wait for an attempt the outbox already started (its AT call's timeout, and some). */
  waitMs?: number;
  pollMs?: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Communicates a transport document just finalized, for an API whose answer carries AT's code (MagniFinance's
 * WaybillCreate). With automatic communication on, the finalize queued an `at.transport` job the worker is told of
 * at once: sending as well would reach AT twice (the second answered -3). So the queued job is taken over when the
 * outbox has not started it, or awaited when it has; then `communicateDocumentNow` sends it, or finds it sent
 * ("already communicated", with its code), or queues the retry if AT is down.
 */
export async function communicateTransportNow(
  db: Kysely<DB>,
  deps: AtDeps,
  ctx: Ctx,
  documentId: number,
  opts: HandOverOptions = {},
): Promise<CommunicationResult & { queued: boolean }> {
  const waitMs = opts.waitMs ?? 35_000;
  const pollMs = opts.pollMs ?? 100;
  const job = db
    .selectFrom('jobs')
    .where('account_id', '=', ctx.accountId)
    .where('kind', '=', AT_TRANSPORT_JOB)
    .where('dedupe_key', '=', `${documentId}:issue`);
  await db
    .updateTable('jobs')
    .set({
      state: 'done',
      last_error: 'Sent by the request that finalized the document.',
      updated_at: sql<string>`now()` as unknown as string,
    })
    .where('account_id', '=', ctx.accountId)
    .where('kind', '=', AT_TRANSPORT_JOB)
    .where('dedupe_key', '=', `${documentId}:issue`)
    .where('state', '=', 'pending')
    .execute();
  for (let waited = 0; waited < waitMs; waited += pollMs) {
    const running = await job.select('id').where('state', '=', 'running').executeTakeFirst();
    if (!running) break;
    await sleep(pollMs);
  }
  return communicateDocumentNow(db, deps, ctx, documentId);
}
