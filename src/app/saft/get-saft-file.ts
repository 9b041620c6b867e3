import type { Tx } from '../context.js';

/** The SAF-T file row of a period, without its bytes (status, fingerprint, link), if one was ever asked for. */
export async function getSaftFile(tx: Tx, accountId: number, period: { from: string; to: string }) {
  return tx
    .selectFrom('saft_files')
    .select(['id', 'status', 'fingerprint', 'download_token', 'period_from', 'period_to', 'generated_at'])
    .where('account_id', '=', accountId)
    .where('period_from', '=', period.from)
    .where('period_to', '=', period.to)
    .executeTakeFirst();
}

/** The row by id (for the job that generates it), with the generation of its chunks stored so far. */
export async function getSaftFileById(tx: Tx, accountId: number, id: number) {
  return tx
    .selectFrom('saft_files')
    .select(['id', 'period_from', 'period_to', 'generation'])
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .executeTakeFirst();
}
