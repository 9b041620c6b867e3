import { sql } from 'kysely';
import type { ReconcileDocument, ReconcileLine } from '../../domain/totals/reconcile.js';
import type { Tx } from '../context.js';

// Decimals as text inside the JSON: a JSON number would lose them.
const LINES = sql<ReconcileLine[]>`coalesce((
  select json_agg(json_build_object('taxType', l.tax_type, 'taxRegion', l.tax_region, 'taxCode', l.tax_code,
    'taxRate', l.tax_rate::text, 'net', l.net_amount::text, 'gross', l.gross_total::text) order by l.position)
  from document_lines l where l.account_id = d.account_id and l.document_id = d.id), '[]'::json)`;

/**
 * The signed documents of an account (optionally one series/type), as `loadChain` selects them, with their totals,
 * tax summary and lines: what `documentTotalsFailures` reconciles.
 */
export async function loadDocumentTotals(tx: Tx, accountId: number, filter: { seriesCode?: string; type?: string }) {
  let q = tx
    .selectFrom('documents as d')
    .innerJoin('series as s', (j) => j.onRef('s.account_id', '=', 'd.account_id').onRef('s.id', '=', 'd.series_id'))
    .select(['d.doc_no', 'd.net_total', 'd.tax_total', 'd.gross_total', 'd.vat_included', 'd.tax_summary'])
    .select(LINES.as('lines'))
    .where('d.account_id', '=', accountId)
    .where('d.hash', 'is not', null);
  if (filter.seriesCode) q = q.where('s.code', '=', filter.seriesCode);
  if (filter.type) q = q.where('d.doc_type', '=', filter.type);
  const rows = await q.orderBy('d.id').execute();
  return rows.map((r): ReconcileDocument & { docId: string } => ({
    docId: r.doc_no!,
    netTotal: r.net_total,
    taxTotal: r.tax_total,
    grossTotal: r.gross_total,
    vatIncluded: r.vat_included,
    taxSummary: (typeof r.tax_summary === 'string' ? JSON.parse(r.tax_summary) : r.tax_summary) as {
      base: string;
      tax: string;
    }[],
    lines: r.lines,
  }));
}
