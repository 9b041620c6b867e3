import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import { DomainError } from '../../domain/errors.js';
import { delimiterOf, utf8BomLength } from '../../domain/imports/text-encoding.js';
import type { ImportSource } from './import-source.js';

/** Data rows a file may hold (the header row not counted). */
export const MAX_IMPORT_ROWS = 50_000;

/** A data row: its number in the file (the header is row 1) and its cells as text. */
export interface SheetRow {
  row: number;
  values: string[];
}

/** A spreadsheet's first sheet being read: its header row, and its data rows as they stream (blank rows skipped). */
export interface OpenSheet {
  format: 'csv' | 'xlsx';
  headers: string[];
  /** Read once; past `MAX_IMPORT_ROWS`, or with no data row at all, it ends with a validation error on `file`. */
  rows: AsyncGenerator<SheetRow>;
}

const fileError = (message: string) =>
  new DomainError('validation', message, [{ field: 'file', issue: 'invalid', message }]);

/** An XLSX file is a ZIP archive: it starts with a local file header. */
const isZip = (b: Uint8Array) => b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

/** A CSV's text is read until its first line is whole (to choose its separator), up to this many characters. */
const MAX_HEADER_CHARS = 1024 * 1024;

/**
 * Opens an uploaded CSV or XLSX file for one pass over its rows, streaming it (a chunk held at a time). An empty,
 * broken or too large file is a validation error on `file`, never a crash: thrown here, or by `rows` as it reads.
 */
export async function openSheet(source: ImportSource, maxRows = MAX_IMPORT_ROWS): Promise<OpenSheet> {
  if (!source.bytes) throw fileError('The file is empty.');
  const format = isZip(await firstBytes(source, 4)) ? 'xlsx' : 'csv';
  const records = guarded(format, format === 'xlsx' ? xlsxRecords(source) : csvRecords(source));
  let headers: string[] | null = null;
  try {
    for (;;) {
      const next = await records.next();
      if (next.done) break;
      if (next.value.values.every((v) => !v.trim())) continue;
      headers = next.value.values.map((v) => v.trim());
      break;
    }
  } catch (err) {
    await records.return(undefined);
    throw err;
  }
  if (!headers) throw fileError('The file has no header row.');
  async function* rows(): AsyncGenerator<SheetRow> {
    let count = 0;
    try {
      for await (const r of records) {
        if (r.values.every((v) => !v.trim())) continue;
        if (count >= maxRows)
          throw fileError(`The file has more than ${maxRows} rows; split it into files of at most ${maxRows}.`);
        count++;
        yield r;
      }
    } finally {
      await records.return(undefined);
    }
    if (!count) throw fileError('The file has a header row but no data rows.');
  }
  return { format, headers, rows: rows() };
}

/** Every record of the file, a parser's failure turned into a validation error on `file`. */
async function* guarded(format: 'csv' | 'xlsx', records: AsyncGenerator<SheetRow>): AsyncGenerator<SheetRow> {
  try {
    yield* records;
  } catch (err) {
    if (err instanceof DomainError) throw err;
    throw fileError(
      format === 'xlsx'
        ? 'The file could not be read as an XLSX workbook.'
        : `The file could not be read as CSV: ${(err as Error).message}`,
    );
  }
}

async function firstBytes(source: ImportSource, n: number): Promise<Uint8Array> {
  const stream = source.open();
  let head = Buffer.alloc(0);
  try {
    for await (const chunk of stream) {
      head = Buffer.concat([head, chunk as Buffer]);
      if (head.length >= n) break;
    }
  } finally {
    stream.destroy();
  }
  return head.subarray(0, n);
}

/**
 * How the file's text is encoded: UTF-8 when every byte sequence is valid UTF-8, else Latin-1 (what `decodeText`
 * decides for a whole text, decided here in one streamed pass). A NUL byte means binary data: no CSV.
 */
async function sniffEncoding(source: ImportSource): Promise<{ encoding: 'utf-8' | 'windows-1252'; binary: boolean }> {
  let utf8: InstanceType<typeof TextDecoder> | null = new TextDecoder('utf-8', { fatal: true });
  let binary = false;
  for await (const chunk of source.open()) {
    const bytes = chunk as Buffer;
    if (!binary && bytes.includes(0)) binary = true;
    if (utf8)
      try {
        utf8.decode(bytes, { stream: true });
      } catch {
        utf8 = null;
      }
  }
  if (utf8)
    try {
      utf8.decode();
    } catch {
      utf8 = null;
    }
  return { encoding: utf8 ? 'utf-8' : 'windows-1252', binary };
}

async function* decodedText(source: ImportSource, encoding: 'utf-8' | 'windows-1252'): AsyncGenerator<string> {
  const decoder = new TextDecoder(encoding);
  let first = true;
  for await (const chunk of source.open()) {
    let bytes = chunk as Buffer;
    if (first) bytes = bytes.subarray(utf8BomLength(bytes));
    first = false;
    const text = decoder.decode(bytes, { stream: true });
    if (text) yield text;
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}

async function* csvRecords(source: ImportSource): AsyncGenerator<SheetRow> {
  const { encoding, binary } = await sniffEncoding(source);
  if (binary) throw fileError('The file is neither CSV nor XLSX (it holds binary data).');
  const text = decodedText(source, encoding);
  // The separator is chosen from the header line: read until it is whole.
  let head = '';
  let ended = false;
  while (!delimiterOf(head).complete && head.length < MAX_HEADER_CHARS) {
    const next = await text.next();
    if (next.done) {
      ended = true;
      break;
    }
    head += next.value;
  }
  async function* all() {
    yield head;
    if (!ended) yield* text;
  }
  const parser = parse({
    delimiter: delimiterOf(head).delimiter,
    relax_column_count: true,
    info: true,
    skip_empty_lines: true,
  });
  // A failure on either side destroys the parser, whose reading below then throws it.
  const piped = pipeline(Readable.from(all()), parser).catch(() => undefined);
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>)
      yield { row: info.lines, values: record };
  } finally {
    parser.destroy();
    await piped;
  }
}

async function* xlsxRecords(source: ImportSource): AsyncGenerator<SheetRow> {
  const input = source.open();
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    worksheets: 'emit',
  });
  try {
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
  } finally {
    input.destroy();
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
