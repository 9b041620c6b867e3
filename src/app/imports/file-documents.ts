import { RowGroups, rowCells, type ImportDocument, type RowIssue } from '../../domain/imports/group-rows.js';
import { recognizeHeaders, type ImportColumn } from '../../domain/imports/template-columns.js';
import type { ImportSource } from './import-source.js';
import { openSheet } from './read-sheet.js';

/** What a first pass over a file learns: its header, its data row count, and each document key's last row. */
export interface FileScan {
  format: 'csv' | 'xlsx';
  headers: string[];
  columns: (ImportColumn | null)[];
  /** Header problems (row 1): the rows are not grouped until the columns are mapped. */
  headerIssues: RowIssue[];
  rows: number;
  /** Document key → the row that ends it (empty while the header has problems). */
  lastRow: Map<string, number>;
}

/** A slice of a file's documents in the order of their first row, with the issues of their rows. */
export interface DocumentChunk {
  documents: ImportDocument[];
  /** For each document: no row of it was unreadable (then it is checked further). */
  readable: boolean[];
  /** Issues of the rows read since the previous chunk (unreadable cells, rows without a key). */
  issues: RowIssue[];
}

/** Documents resolved and checked together: few enough to hold, many enough for few statements. */
export const DOCUMENTS_PER_CHUNK = 500;

/**
 * The first pass over a file: it reads it whole (a chunk at a time) so the row limit and a broken file are found
 * before anything is checked, and records where each document ends so the second pass holds only open documents.
 */
export async function scanFile(source: ImportSource, mapping: Record<string, string> = {}): Promise<FileScan> {
  const sheet = await openSheet(source);
  const { columns, issues } = recognizeHeaders(sheet.headers, mapping);
  const headerIssues = issues.map((h) => ({ row: 1, ...h }));
  const keyAt = headerIssues.length ? -1 : columns.indexOf('document');
  const lastRow = new Map<string, number>();
  let rows = 0;
  for await (const r of sheet.rows) {
    rows++;
    const key = keyAt >= 0 ? (r.values[keyAt] ?? '').trim() : '';
    if (key) lastRow.set(key, r.row);
  }
  return { format: sheet.format, headers: sheet.headers, columns, headerIssues, rows, lastRow };
}

/**
 * The second pass: the file's documents in chunks of at most `size`, each document given out once its last row is
 * read (see `RowGroups`).
 */
export async function* fileDocuments(
  source: ImportSource,
  scan: FileScan,
  size = DOCUMENTS_PER_CHUNK,
): AsyncGenerator<DocumentChunk> {
  const sheet = await openSheet(source);
  const groups = new RowGroups(scan.lastRow);
  let chunk: DocumentChunk = { documents: [], readable: [], issues: [] };
  const take = (read: ReturnType<RowGroups['end']>) => {
    for (const d of read) {
      chunk.documents.push(d.document);
      chunk.readable.push(!d.issues.length);
      chunk.issues.push(...d.issues);
    }
  };
  for await (const r of sheet.rows) {
    const added = groups.add({ row: r.row, cells: rowCells(r.values, scan.columns) });
    if (added.issue) chunk.issues.push(added.issue);
    take(added.documents);
    if (chunk.documents.length >= size) {
      yield chunk;
      chunk = { documents: [], readable: [], issues: [] };
    }
  }
  take(groups.end());
  if (chunk.documents.length || chunk.issues.length) yield chunk;
}
