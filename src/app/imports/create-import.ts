import { sql } from 'kysely';
import type { Tx } from '../context.js';
import { enqueueJob } from '../jobs/enqueue-job.js';
import type { ImportPreview } from './preview-import.js';

export const IMPORT_ISSUE_JOB = 'import.issue';

/**
 * Records a checked file's valid documents to be issued by the outbox job, in the caller's transaction. The same
 * file (by sha256) already imported by the account is not recorded again: its import's id comes back, `created`
 * false, and nothing more is issued.
 */
export async function createImport(
  tx: Tx,
  accountId: number,
  preview: ImportPreview,
  opts: { fileName: string; sendEmail: boolean },
): Promise<{ id: number; created: boolean }> {
  const row = await tx
    .insertInto('imports')
    .values({
      account_id: accountId,
      sha256: preview.sha256,
      file_name: opts.fileName.slice(0, 255),
      send_email: opts.sendEmail,
      row_count: preview.rows,
      errors: JSON.stringify(preview.errors),
      status: preview.documents.length ? 'issuing' : 'done',
    })
    .onConflict((oc) => oc.columns(['account_id', 'sha256']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!row) {
    const existing = await tx
      .selectFrom('imports')
      .select('id')
      .where('account_id', '=', accountId)
      .where('sha256', '=', preview.sha256)
      .executeTakeFirstOrThrow();
    return { id: existing.id, created: false };
  }
  if (preview.documents.length) {
    // In chunks: a statement binds at most 65,535 parameters.
    const groups = preview.documents.map((d, position) => ({
      import_id: row.id,
      account_id: accountId,
      position,
      group_key: d.key,
      first_row: d.firstRow,
      input: JSON.stringify(d.input),
      total: d.grossTotal,
    }));
    for (let i = 0; i < groups.length; i += 5000)
      await tx
        .insertInto('import_groups')
        .values(groups.slice(i, i + 5000))
        .execute();
    await enqueueJob(tx, {
      accountId,
      kind: IMPORT_ISSUE_JOB,
      payload: { importId: row.id },
      dedupeKey: `${row.id}`,
    });
  } else {
    await tx
      .updateTable('imports')
      .set({ finished_at: sql`now()` as never })
      .where('id', '=', row.id)
      .execute();
  }
  return { id: row.id, created: true };
}
