import ExcelJS from 'exceljs';
import { csvRecord } from '../../domain/imports/report-cell.js';
import { templateRows } from '../../domain/imports/template-rows.js';

/**
 * The template as a file: CSV (UTF-8 with a byte order mark, so spreadsheet programs read the accents; `;`-separated
 * in Portuguese, as Portuguese spreadsheets expect, `,` in English) or XLSX.
 */
export async function templateFile(format: 'csv' | 'xlsx', lang: 'pt' | 'en'): Promise<Buffer> {
  const rows = templateRows(lang);
  if (format === 'csv')
    return Buffer.from('\ufeff' + rows.map((r) => csvRecord(r, lang === 'pt' ? ';' : ',')).join(''));
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(lang === 'pt' ? 'Documentos' : 'Documents');
  // Every cell is text: a spreadsheet must not turn a tax id or a code into a number.
  for (const r of rows) ws.addRow(r).eachCell((c) => (c.numFmt = '@'));
  ws.getRow(1).font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
