import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import { DomainError } from '../../domain/errors.js';
import { decodeText, detectDelimiter } from '../../domain/imports/text-encoding.js';

/** Data rows a file may hold (the header row not counted). */
export const MAX_IMPORT_ROWS = 50_000;

/** A spreadsheet's first sheet: its header row and its data rows, every cell as text. */
export interface Sheet {
  format: 'csv' | 'xlsx';
  headers: string[];
  /** Each data row with its number in the file (the header is row 1); blank rows are skipped. */
  rows: { row: number; values: string[] }[];
}

const fileError = (message: string) =>
  new DomainError('validation', message, [{ field: 'file', issue: 'invalid', message }]);

/** An XLSX file is a ZIP archive: it starts with a local file header. */
const isZip = (b: Uint8Array) => b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

/**
 * Reads an uploaded CSV or XLSX file, streaming its rows and stopping past `MAX_IMPORT_ROWS`. An empty, broken or
 * too large file is a validation error on `file`, never a crash.
 */
export async function readSheet(bytes: Uint8Array, maxRows = MAX_IMPORT_ROWS): Promise<Sheet> {
  if (!bytes.length) throw fileError('The file is empty.');
  const format = isZip(bytes) ? 'xlsx' : 'csv';
  const records = format === 'xlsx' ? xlsxRecords(bytes) : csvRecords(bytes);
  let headers: string[] | null = null;
  const rows: Sheet['rows'] = [];
  try {
    for await (const { row, values } of records) {
      if (values.every((v) => !v.trim())) continue;
      if (!headers) {
        headers = values.map((v) => v.trim());
        continue;
      }
      if (rows.length >= maxRows)
        throw fileError(`The file has more than ${maxRows} rows; split it into files of at most ${maxRows}.`);
      rows.push({ row, values });
    }
  } catch (err) {
    if (err instanceof DomainError) throw err;
    throw fileError(
      format === 'xlsx'
        ? 'The file could not be read as an XLSX workbook.'
        : `The file could not be read as CSV: ${(err as Error).message}`,
    );
  }
  if (!headers) throw fileError('The file has no header row.');
  if (!rows.length) throw fileError('The file has a header row but no data rows.');
  return { format, headers, rows };
}

async function* csvRecords(bytes: Uint8Array): AsyncGenerator<{ row: number; values: string[] }> {
  const { text } = decodeText(bytes);
  if (text.includes('\u0000')) throw fileError('The file is neither CSV nor XLSX (it holds binary data).');
  const parser = Readable.from([text]).pipe(
    parse({ delimiter: detectDelimiter(text), relax_column_count: true, info: true, skip_empty_lines: true }),
  );
  for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>)
    yield { row: info.lines, values: record };
}

async function* xlsxRecords(bytes: Uint8Array): AsyncGenerator<{ row: number; values: string[] }> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([Buffer.from(bytes)]), {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    worksheets: 'emit',
  });
  for await (const sheet of reader) {
    for await (const row of sheet) {
      const values: string[] = [];
      // row.values is 1-based (index 0 unused).
      (row.values as unknown[]).forEach((v, i) => {
        if (i > 0) values[i - 1] = cellText(v);
      });
      yield { row: row.number, values: Array.from(values, (v) => v ?? '') };
    }
    return; // the first sheet only
  }
}

/** A cell's value as text: numbers as written in decimal, dates as ISO dates, rich text and formulas by their text. */
function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    const o = v as { richText?: { text: string }[]; result?: unknown; text?: unknown; error?: string };
    if (o.richText) return o.richText.map((t) => t.text).join('');
    if ('result' in o) return cellText(o.result);
    if (o.text !== undefined) return cellText(o.text);
  }
  return '';
}
