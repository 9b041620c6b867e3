import type { Db } from '../../app/context.js';
import { getSaftAccount } from '../../app/saft/get-saft-account.js';
import { getSaftFileById } from '../../app/saft/get-saft-file.js';
import { saftFingerprint } from '../../app/saft/saft-fingerprint.js';
import { SaftFileSink } from '../../app/saft/saft-file-sink.js';
import { storeSaftFile } from '../../app/saft/store-saft-file.js';
import { DomainError } from '../../domain/errors.js';
import { type JobHandler, PermanentJobError } from '../../infra/jobs/worker.js';
import { exportSaft } from './export-saft.js';
import { saftFileName } from './period.js';
import type { SaftSoftware } from './software.js';

/**
 * The 'saft.file' job (requestSaftFile): exports the period into a new generation of the file's chunks as it is
 * written (SaftFileSink: about one chunk in memory, whatever the file's size) and marks it ready with the
 * fingerprint of the data it read, all in one repeatable-read transaction, so the file and its fingerprint describe
 * the same state and a half-written file is never seen.
 */
export function saftFileJob(db: Db, software?: SaftSoftware, now: () => Date = () => new Date()): JobHandler {
  return async (job) => {
    const fileId = Number(job.payload.fileId);
    if (!Number.isSafeInteger(fileId) || fileId < 1)
      throw new PermanentJobError(`Bad fileId ${String(job.payload.fileId)}.`);
    try {
      await db
        .transaction()
        .setIsolationLevel('repeatable read')
        .execute(async (tx) => {
          const row = await getSaftFileById(tx, job.account_id, fileId);
          if (!row) throw new PermanentJobError(`SAF-T file ${fileId} not found.`);
          const period = { from: row.period_from, to: row.period_to };
          const fingerprint = await saftFingerprint(tx, job.account_id, period);
          const generation = (row.generation ?? 0) + 1;
          const sink = new SaftFileSink(tx, { accountId: job.account_id, fileId, generation });
          try {
            await exportSaft(tx, job.account_id, sink, { period, now: now(), software });
          } catch (err) {
            throw sink.failure ?? err;
          }
          const size = await sink.finish();
          const account = await getSaftAccount(tx, job.account_id);
          await storeSaftFile(tx, job.account_id, fileId, {
            fingerprint,
            fileName: saftFileName(account.tax_id, period),
            generation,
            size,
          });
        });
    } catch (err) {
      if (err instanceof DomainError) throw new PermanentJobError(err.message);
      throw err;
    }
  };
}
