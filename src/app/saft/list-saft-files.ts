import type { Tx } from '../context.js';

/** The account's SAF-T file requests, the most recently asked for first (without their bytes). */
export async function listSaftFiles(tx: Tx, accountId: number, limit = 20) {
  const rows = await tx
    .selectFrom('saft_files')
    .select(['id', 'period_from', 'period_to', 'status', 'requested_at', 'generated_at', 'file_name'])
    .where('account_id', '=', accountId)
    .orderBy('requested_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    from: r.period_from,
    to: r.period_to,
    ready: r.status === 'ready',
    requestedAt: new Date(r.requested_at).toISOString(),
    generatedAt: r.generated_at ? new Date(r.generated_at).toISOString() : null,
    fileName: r.file_name,
  }));
}
