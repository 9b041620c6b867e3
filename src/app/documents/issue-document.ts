import type { Transaction } from 'kysely';
import type { DB } from '../../infra/db/schema.js';
import type { Ctx, Tx } from '../context.js';
import { commitDocument, prepareDocument, type PreparedDocument } from './create-document.js';
import type { DocumentInput } from './document-input.js';
import type { DocumentView } from './get-document.js';
import { issueDocuments, type IssueRequest } from './issue-documents.js';

/**
 * The group commit of an account's document writes (the composition root's `TransactionBatcher`): work of one key
 * that arrives together shares a transaction; work sharing a combiner is done by one call of it.
 */
export interface DocumentWrites {
  run<T>(key: string, work: (tx: Transaction<DB>) => Promise<T>): Promise<T>;
  runCombined<P, R>(key: string, combine: (tx: Transaction<DB>, payloads: P[]) => Promise<R[]>, payload: P): Promise<R>;
}

/** The group-commit key of an account's document writes. */
export const accountWrites = (accountId: number): string => `account:${accountId}`;

/** A created document, and its view when the create returns it as written (no re-read needed). */
export interface IssueResult {
  id: number;
  view: DocumentView | null;
}

/** What a create is made of; `input` may need the database to be known (a dialect's references to resolve). */
export type IssueInput = DocumentInput | ((db: Tx) => Promise<DocumentInput>);

/**
 * One create (a draft, or a create-and-finalize) in the steps an API runs, apart when it must (the native route runs
 * `prepare` only once its idempotency key is claimed):
 * - `prepare()`: the input resolved, validated and computed outside any transaction, no lock, no write;
 * - `together()`: a prepared create-and-finalize that references no other document is issued with the account's
 *   other such requests (one group commit, a few multi-row statements per batch); undefined when it cannot be;
 * - `commit(tx)`: everything else, in the caller's transaction (what `prepare` could not do without writing, e.g. an
 *   inline customer to create, is prepared there).
 */
export interface DocumentIssue {
  prepare(): Promise<void>;
  together(): Promise<IssueResult | undefined>;
  commit(tx: Tx): Promise<IssueResult>;
}

// One function for every account: the batcher groups the items of a batch (one account) by it.
const issueTogether = (tx: Transaction<DB>, items: IssueRequest[]) => issueDocuments(tx, items[0].ctx.accountId, items);

export function documentIssue(writes: DocumentWrites, db: Tx, ctx: Ctx, input: IssueInput): DocumentIssue {
  let resolved: DocumentInput | undefined = typeof input === 'function' ? undefined : input;
  let prepared: PreparedDocument | null = null;
  const inputOf = async (tx: Tx) => resolved ?? (typeof input === 'function' ? input(tx) : input);
  return {
    async prepare() {
      resolved = await inputOf(db);
      prepared = await prepareDocument(db, ctx, resolved, { readOnly: true });
    },
    async together() {
      if (!prepared?.issue) return undefined;
      return writes.runCombined(accountWrites(ctx.accountId), issueTogether, { ctx, prepared });
    },
    async commit(tx) {
      return commitDocument(tx, ctx, prepared ?? (await prepareDocument(tx, ctx, await inputOf(tx)))!);
    },
  };
}

/** Runs a prepared-or-not create: prepared, then issued together when it can be, else committed in its own turn. */
export async function runIssue(writes: DocumentWrites, ctx: Ctx, op: DocumentIssue): Promise<IssueResult> {
  await op.prepare();
  return (await op.together()) ?? writes.run(accountWrites(ctx.accountId), (tx) => op.commit(tx));
}

/**
 * Creates a document for any API: resolved and validated before the transaction, then issued together with the
 * account's other create-and-finalize requests, or written in the account's group-committed transaction.
 */
export async function issueDocument(writes: DocumentWrites, db: Tx, ctx: Ctx, input: IssueInput): Promise<IssueResult> {
  return runIssue(writes, ctx, documentIssue(writes, db, ctx, input));
}
