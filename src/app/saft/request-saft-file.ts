import { sql } from 'kysely';
import type { Tx } from '../context.js';
import { randomUrlToken } from '../accounts/credentials.js';
import { enqueueJob } from '../jobs/enqueue-job.js';

export const SAFT_FILE_JOB = 'saft.file';

/**
 * Asks for the SAF-T file of a period to be (re)generated in the background, in the caller's transaction.
 * The row keeps its id and download token, so a link given out earlier serves the new file once it is ready.
 */
export async function requestSaftFile(
  tx: Tx,
  accountId: number,
  period: { from: string; to: string },
): Promise<number> {
  const row = await tx
    .insertInto('saft_files')
    .values({ account_id: accountId, period_from: period.from, period_to: period.to, download_token: randomUrlToken() })
    .onConflict((oc) =>
      oc
        .columns(['account_id', 'period_from', 'period_to'])
        .doUpdateSet({ status: 'pending', requested_at: sql`now()` }),
    )
    .returning('id')
    .executeTakeFirstOrThrow();
  await enqueueJob(tx, {
    accountId,
    kind: SAFT_FILE_JOB,
    payload: { fileId: row.id },
    dedupeKey: String(row.id),
    maxAttempts: 5,
  });
  return row.id;
}
