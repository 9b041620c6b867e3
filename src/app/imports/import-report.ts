import { csvRecord, safeCell } from '../../domain/imports/report-cell.js';
import type { Tx } from '../context.js';
import { getImport } from './get-import.js';

const HEADERS = ['document', 'row', 'status', 'number', 'atcud', 'total', 'download', 'error'];

/**
 * The result of an import as CSV: each document of the file with its number, ATCUD, total and download link, or its
 * error, then the rows refused at validation. Cells that a spreadsheet would run as formulas are escaped.
 */
export async function importReportCsv(tx: Tx, accountId: number, id: number, publicUrl: string): Promise<string> {
  const imp = await getImport(tx, accountId, id);
  const groups = await tx
    .selectFrom('import_groups as g')
    .leftJoin('documents as d', 'd.id', 'g.document_id')
    .select([
      'g.group_key',
      'g.first_row',
      'g.error',
      'g.document_id',
      'd.doc_no',
      'd.atcud',
      'd.gross_total',
      'd.download_token',
    ])
    .where('g.import_id', '=', imp.id)
    .orderBy('g.position')
    .execute();
  const out = [csvRecord(HEADERS)];
  for (const g of groups) {
    const status = g.document_id ? 'issued' : g.error ? 'failed' : 'pending';
    const link = g.document_id ? `${publicUrl}/download/${g.document_id}/${g.download_token}` : '';
    out.push(
      csvRecord([
        safeCell(g.group_key),
        String(g.first_row),
        status,
        g.doc_no ?? '',
        g.atcud ?? '',
        g.gross_total ?? '',
        link,
        safeCell(g.error ?? ''),
      ]),
    );
  }
  for (const e of imp.errors)
    out.push(csvRecord(['', String(e.row), 'invalid', '', '', '', '', safeCell(`${e.column}: ${e.reason}`)]));
  return out.join('');
}
