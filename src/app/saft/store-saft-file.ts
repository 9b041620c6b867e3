import { sql } from 'kysely';
import type { Tx } from '../context.js';

/**
 * Marks a generated SAF-T file ready: its generation's chunks (stored by SaftFileSink in this transaction) become
 * the file, with the fingerprint of the data it was generated from; the chunks of the generation it replaces go.
 */
export async function storeSaftFile(
  tx: Tx,
  accountId: number,
  id: number,
  file: { fingerprint: string; fileName: string; generation: number; size: number },
): Promise<void> {
  await tx
    .updateTable('saft_files')
    .set({
      status: 'ready',
      fingerprint: file.fingerprint,
      file_name: file.fileName,
      generation: file.generation,
      size: file.size,
      bytes: null,
      generated_at: sql`now()`,
    })
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .execute();
  await tx
    .deleteFrom('saft_file_chunks')
    .where('account_id', '=', accountId)
    .where('file_id', '=', id)
    .where('generation', '<>', file.generation)
    .execute();
}
