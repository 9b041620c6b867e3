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
 * at once: sending as well would reach AT twice. So the queued job is taken over when the outbox has not started
 * it, or awaited when it has (and taken over if that attempt failed and put it back to pending); then
 * `communicateDocumentNow` sends it, or finds it sent ("already communicated", with its code), or queues the retry
 * if AT is down. An attempt still running after `waitMs` is left to the outbox: the answer says queued.
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
  for (let waited = 0; ; waited += pollMs) {
    if (!(await takeOverUnlessRunning(db, ctx.accountId, documentId))) break;
    if (waited >= waitMs)
      return {
        status: 'retryable',
        operation: 'envioDocumentoTransporte',
        code: null,
        message: 'the outbox is still sending it',
        atCode: null,
        communicationId: null,
        queued: true,
      };
    await sleep(pollMs);
  }
  return communicateDocumentNow(db, deps, ctx, documentId);
}

/**
 * Under the job's row lock (the worker's claim takes it too, FOR UPDATE SKIP LOCKED, and its outcome updates it),
 * a pending job becomes done, so no worker claims it after; a running one is left as it is. True when it runs.
 * Deciding on the latest committed state under the lock, not on a read apart from the update, is what keeps a job
 * the worker claims, or puts back to pending after a failed attempt, from being sent by both.
 */
async function takeOverUnlessRunning(db: Kysely<DB>, accountId: number, documentId: number): Promise<boolean> {
  return db.transaction().execute(async (tx) => {
    const jobs = await tx
      .selectFrom('jobs')
      .select(['id', 'state'])
      .where('account_id', '=', accountId)
      .where('kind', '=', AT_TRANSPORT_JOB)
      .where('dedupe_key', '=', `${documentId}:issue`)
      .where('state', 'in', ['pending', 'running'])
      .forUpdate()
      .execute();
    const pending = jobs.filter((j) => j.state === 'pending').map((j) => j.id);
    if (pending.length)
      await tx
        .updateTable('jobs')
        .set({
          state: 'done',
          locked_until: null,
          last_error: 'Sent by the request that finalized the document.',
          updated_at: sql<string>`now()` as unknown as string,
        })
        .where('id', 'in', pending)
        .execute();
    return jobs.some((j) => j.state === 'running');
  });
}
