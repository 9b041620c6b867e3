import { sql } from 'kysely';
import type { Tx } from '../context.js';
import { enqueueJob } from '../jobs/enqueue-job.js';
import { fileDocuments, scanFile } from './file-documents.js';
import { importInputs } from './import-inputs.js';
import type { ImportSource } from './import-source.js';
import type { ImportPreview } from './preview-import.js';
import type { ImportDocument, RowIssue } from '../../domain/imports/group-rows.js';

export const IMPORT_ISSUE_JOB = 'import.issue';

/**
 * Records a checked file's valid documents to be issued by the outbox job, in the caller's transaction. The same
 * file (by sha256) already imported by the account is not recorded again: its import's id comes back, `created`
 * false, and nothing more is issued. The file is read again (the preview keeps no document inputs): each chunk of
 * documents is resolved as the preview resolved it and its valid documents written, so the inputs of a whole file
 * are never held at once.
 */
export async function createImport(
  tx: Tx,
  accountId: number,
  source: ImportSource,
  preview: ImportPreview,
  opts: { fileName: string; sendEmail: boolean; mapping?: Record<string, string> },
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
    const totals = new Map(preview.documents.map((d) => [d.key, d.grossTotal]));
    const scan = await scanFile(source, opts.mapping);
    let position = 0;
    for await (const chunk of fileDocuments(source, scan)) {
      const { inputs, issues } = await importInputs(tx, accountId, chunk.documents, { sendEmail: opts.sendEmail });
      const groups = chunk.documents.flatMap((d, i) => {
        const input = inputs[i];
        const total = totals.get(d.key);
        // Only the documents the preview found valid (a key with errors is skipped).
        if (total === undefined) return [];
        const group = {
          import_id: row.id,
          account_id: accountId,
          position: position++,
          group_key: d.key,
          first_row: d.firstRow,
          total,
        };
        if (chunk.readable[i] && input) return [{ ...group, input: JSON.stringify(input) }];
        // Valid at the preview, but what it names changed since (a series, item or customer): kept as failed with
        // the reason, so the report still lists the document instead of losing it.
        return [{ ...group, input: '{}', error: refusalOf(d, issues) }];
      });
      if (groups.length) await tx.insertInto('import_groups').values(groups).execute();
    }
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

/** Why a document checked at the preview no longer resolves: the issues on its rows, or a general reason. */
function refusalOf(d: ImportDocument, issues: RowIssue[]): string {
  const rows = new Set([d.firstRow, ...d.lines.map((l) => l.row)]);
  const own = issues.filter((i) => rows.has(i.row)).map((i) => `row ${i.row}, ${i.column}: ${i.reason}`);
  return own.length ? own.join('; ') : 'The document no longer resolves against the account’s records.';
}
