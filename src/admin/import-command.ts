import { basename } from 'node:path';
import type { Writable } from 'node:stream';
import { createImport } from '../app/imports/create-import.js';
import { getImport } from '../app/imports/get-import.js';
import { fileSource } from '../app/imports/import-source.js';
import { issueImport } from '../app/imports/issue-import.js';
import { previewImport } from '../app/imports/preview-import.js';
import { getAccount } from '../app/accounts/get-account.js';
import { validationError } from '../domain/errors.js';
import { TransactionBatcher } from '../infra/db/transaction-batcher.js';
import type { Database } from '../infra/db/database.js';

/** How long one slice of issuing runs before the progress is told again. */
const PROGRESS_EVERY_MS = 1000;

const line = (out: Writable, value: unknown) => out.write(JSON.stringify(value) + '\n');

/**
 * `faturador import FILE`: the file (an absolute path, read by the process that holds the database) checked whole,
 * then, unless a dry run or errors stop it, recorded and issued here slice by slice. It streams JSON lines:
 * `{"progress": import}` while issuing, then `{"result": …}` (the preview, or the import when done).
 */
export const importCommand = {
  streams: true,
  async run({ database }: { database: Database }, a: Record<string, unknown>, out: Writable): Promise<void> {
    const accountId = a.accountId;
    const path = a.path;
    if (typeof accountId !== 'number' || !Number.isSafeInteger(accountId) || accountId <= 0)
      throw validationError([{ field: 'accountId', issue: 'invalid', message: 'A positive integer.' }]);
    if (typeof path !== 'string' || !path)
      throw validationError([{ field: 'path', issue: 'required', message: 'Required.' }]);
    const db = database.db;
    await getAccount(db, accountId);
    const ctx = { accountId, userId: null, now: new Date() };
    const mapping = typeof a.mapping === 'object' && a.mapping ? (a.mapping as Record<string, string>) : {};
    const sendEmail = a.sendEmail === true;
    // The file is streamed from where it is, once to check it and once more to record its documents.
    const source = await fileSource(path);
    const preview = await previewImport(db, ctx, source, { mapping, sendEmail });
    const summary = {
      rows: preview.rows,
      documentCount: preview.documentCount,
      documents: preview.documents,
      errors: preview.errors,
    };
    if (a.dryRun === true || (preview.errors.length && a.issueValid !== true)) {
      line(out, { result: { dryRun: true, ...summary } });
      return;
    }
    const { id, created } = await db
      .transaction()
      .execute((tx) => createImport(tx, accountId, source, preview, { fileName: basename(path), sendEmail, mapping }));
    const batcher = new TransactionBatcher(db);
    for (;;) {
      const done = await issueImport(db, batcher, { accountId, importId: id }, () => new Date(), {
        budgetMs: PROGRESS_EVERY_MS,
        requeue: false,
      });
      const view = await getImport(db, accountId, id);
      if (done) {
        line(out, { result: { ...view, existing: !created } });
        return;
      }
      line(out, { progress: view });
    }
  },
};
