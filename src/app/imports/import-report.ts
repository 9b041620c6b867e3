import ExcelJS from 'exceljs';
import { csvRecord, safeCell } from '../../domain/imports/report-cell.js';
import type { Tx } from '../context.js';
import { getImport } from './get-import.js';
import { importGroups, importGroupStatus } from './import-groups.js';

const HEADERS = ['document', 'row', 'status', 'number', 'atcud', 'total', 'download', 'error'];

/**
 * The result of an import: each document of the file with its number, ATCUD, total and download link, or its
 * error, then the rows refused at validation. Cells from the file that a spreadsheet would run as formulas are
 * escaped.
 */
async function importReportRows(tx: Tx, accountId: number, id: number, publicUrl: string): Promise<string[][]> {
  const imp = await getImport(tx, accountId, id);
  const groups = await importGroups(tx, accountId, imp.id).select('d.download_token').execute();
  const out = [HEADERS];
  for (const g of groups) {
    const status = importGroupStatus(g);
    const link = g.document_id ? `${publicUrl}/download/${g.document_id}/${g.download_token}` : '';
    out.push([
      safeCell(g.group_key),
      String(g.first_row),
      status,
      g.doc_no ?? '',
      g.atcud ?? '',
      g.gross_total ?? '',
      link,
      safeCell(g.error ?? ''),
    ]);
  }
  for (const e of imp.errors)
    out.push(['', String(e.row), 'invalid', '', '', '', '', safeCell(`${e.column}: ${e.reason}`)]);
  return out;
}

/** The report as CSV (RFC 4180, UTF-8). */
export async function importReportCsv(tx: Tx, accountId: number, id: number, publicUrl: string): Promise<string> {
  return (await importReportRows(tx, accountId, id, publicUrl)).map((r) => csvRecord(r)).join('');
}

/** The report as an XLSX workbook, every cell text. */
export async function importReportXlsx(tx: Tx, accountId: number, id: number, publicUrl: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Import');
  for (const r of await importReportRows(tx, accountId, id, publicUrl)) ws.addRow(r);
  ws.getRow(1).font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
