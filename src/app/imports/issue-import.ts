import { sql } from 'kysely';
import { DomainError } from '../../domain/errors.js';
import type { Ctx, Db, Tx } from '../context.js';
import type { DocumentInput } from '../documents/document-input.js';
import { accountWrites, documentIssue, type DocumentWrites } from '../documents/issue-document.js';
import { issueDocuments, type IssueRequest } from '../documents/issue-documents.js';
import { prepareDocument } from '../documents/create-document.js';
import { enqueueJob } from '../jobs/enqueue-job.js';
import { accountConfig } from '../accounts/account-config.js';
import { IMPORT_ISSUE_JOB } from './create-import.js';

/** Groups issued at once: they share the account's group commit (a few multi-row statements per batch). */
const CONCURRENCY = 32;

/** Another run issued the group first (a restarted job, a second worker): its savepoint is rolled back. */
class AlreadyIssued extends Error {}

interface GroupIssue {
  groupId: number;
  request: IssueRequest;
}

/**
 * Issues prepared groups together through the same path as the API's create-and-finalize requests, and marks each
 * group issued with its document in that transaction: a group is issued once whatever restarts. A group someone
 * else marked first fails the batch, and the batcher then does each group alone, so only that one is undone.
 */
const issueGroups = async (tx: Tx, items: GroupIssue[]) => {
  const issued = await issueDocuments(
    tx,
    items[0].request.ctx.accountId,
    items.map((i) => i.request),
  );
  await markIssued(
    tx,
    items.map((it, i) => ({ group: it.groupId, document: issued[i].id })),
  );
  return issued;
};

async function markIssued(tx: Tx, pairs: { group: number; document: number }[]): Promise<void> {
  const r = await sql`UPDATE import_groups g SET document_id = v.document, issued_at = now()
    FROM jsonb_to_recordset(${JSON.stringify(pairs)}::jsonb) AS v("group" bigint, document bigint)
    WHERE g.id = v."group" AND g.document_id IS NULL`.execute(tx);
  if (Number(r.numAffectedRows ?? 0) !== pairs.length) throw new AlreadyIssued('already issued');
}

/**
 * The outbox job of an import: issues its pending groups in file order, a slice at a time, until done or until
 * `budgetMs` has passed (then it queues its own continuation, as a job's lease is short, unless `requeue` is false:
 * the CLI calls it again itself). True once nothing is pending. A group the core refuses
 * now (the series closed since the preview, a date before the last of its series) keeps its reason and is skipped.
 */
export async function issueImport(
  db: Db,
  writes: DocumentWrites,
  job: { accountId: number; importId: number },
  clock: () => Date,
  opts: { budgetMs?: number; requeue?: boolean } = {},
): Promise<boolean> {
  const { budgetMs = 20_000, requeue = true } = opts;
  const started = performance.now();
  const imp = await db
    .selectFrom('imports')
    .select(['id', 'status', 'started_at'])
    .where('id', '=', job.importId)
    .where('account_id', '=', job.accountId)
    .executeTakeFirst();
  if (!imp || imp.status === 'done') return true;
  if (!imp.started_at)
    await db
      .updateTable('imports')
      .set({ started_at: sql`now()` as never })
      .where('id', '=', imp.id)
      .execute();
  for (;;) {
    const groups = await db
      .selectFrom('import_groups')
      .select(['id', 'input'])
      .where('import_id', '=', imp.id)
      .where('document_id', 'is', null)
      .where('error', 'is', null)
      .orderBy('position')
      .limit(CONCURRENCY * 4)
      .execute();
    if (!groups.length) break;
    // The account's configuration read once per slice and kept in the process cache for its documents, as an API
    // request keeps the one of its authentication (accountConfig).
    const configVersion = (await accountConfig(db, { accountId: job.accountId, userId: null, now: clock() })).version;
    for (let i = 0; i < groups.length; i += CONCURRENCY)
      await Promise.all(
        groups
          .slice(i, i + CONCURRENCY)
          .map((g) =>
            issueGroup(db, writes, { accountId: job.accountId, userId: null, now: clock(), configVersion }, g),
          ),
      );
    if (performance.now() - started > budgetMs) {
      if (!requeue) return false;
      const done = await db
        .selectFrom('import_groups')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('import_id', '=', imp.id)
        .where((eb) => eb.or([eb('document_id', 'is not', null), eb('error', 'is not', null)]))
        .executeTakeFirstOrThrow();
      await enqueueJob(db, {
        accountId: job.accountId,
        kind: IMPORT_ISSUE_JOB,
        payload: { importId: imp.id },
        dedupeKey: `${imp.id}:${done.n}`,
      });
      return false;
    }
  }
  await db
    .updateTable('imports')
    .set({ status: 'done', finished_at: sql`now()` as never })
    .where('id', '=', imp.id)
    .execute();
  return true;
}

async function issueGroup(
  db: Db,
  writes: DocumentWrites,
  ctx: Ctx,
  group: { id: number; input: unknown },
): Promise<void> {
  const { accountId } = ctx;
  const input = group.input as DocumentInput;
  try {
    const prepared = await prepareDocument(db, ctx, input, { readOnly: true });
    if (prepared?.issue) {
      await writes.runCombined(accountWrites(accountId), issueGroups, {
        groupId: group.id,
        request: { ctx, prepared },
      });
      return;
    }
    // A create that must write first (a new customer) is prepared in the transaction, as the API does.
    const op = documentIssue(writes, db, ctx, input);
    await writes.run(accountWrites(accountId), async (tx) => {
      const r = await op.commit(tx);
      await markIssued(tx, [{ group: group.id, document: r.id }]);
    });
  } catch (err) {
    if (err instanceof AlreadyIssued) return;
    if (!(err instanceof DomainError)) throw err;
    await db
      .updateTable('import_groups')
      .set({ error: err.details.length ? err.details.map((d) => d.message).join(' ') : err.message })
      .where('id', '=', group.id)
      .where('document_id', 'is', null)
      .execute();
  }
}
