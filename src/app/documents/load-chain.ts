import type { Tx } from '../context.js';

/** The signed documents of an account (optionally one series/type), as the chain verifier needs them. */
export async function loadChain(tx: Tx, accountId: number, filter: { seriesCode?: string; type?: string }) {
  let q = tx
    .selectFrom('documents as d')
    .innerJoin('series as s', (j) => j.onRef('s.account_id', '=', 'd.account_id').onRef('s.id', '=', 'd.series_id'))
    .select(['d.doc_date', 'd.system_entry_date', 'd.doc_no', 'd.gross_total', 'd.hash'])
    .where('d.account_id', '=', accountId)
    .where('d.hash', 'is not', null);
  if (filter.seriesCode) q = q.where('s.code', '=', filter.seriesCode);
  if (filter.type) q = q.where('d.doc_type', '=', filter.type);
  const rows = await q.orderBy('d.id').execute();
  const keys = await tx
    .selectFrom('signing_keys')
    .select(['version', 'public_pem'])
    .where('account_id', '=', accountId)
    .execute();
  return {
    docs: rows.map((r) => ({
      docDate: r.doc_date,
      systemEntryDate: r.system_entry_date!.replace(' ', 'T'),
      docId: r.doc_no!,
      grossTotal: r.gross_total,
      hash: r.hash!,
    })),
    publicKeys: keys,
  };
}
