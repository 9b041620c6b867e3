import { decimalText, dateText } from './decimal-text.js';
import type { ImportColumn } from './template-columns.js';

/** A problem of the file, where a person finds it: the row as the spreadsheet numbers it, and the column. */
export interface RowIssue {
  row: number;
  column: string;
  reason: string;
}

export interface ImportLine {
  row: number;
  itemCode?: string;
  description?: string;
  quantity: string;
  unitPrice?: string;
  discount?: string;
  taxRate?: string;
  exemption?: string;
}

/** One document of the file: the rows of one document key, read (not yet checked against the account). */
export interface ImportDocument {
  key: string;
  firstRow: number;
  type: string;
  seriesCode?: string;
  date?: string;
  dueDate?: string;
  customer: {
    taxId?: string;
    code?: string;
    name?: string;
    street?: string;
    postalCode?: string;
    city?: string;
    country?: string;
  };
  sendTo?: string;
  lines: ImportLine[];
}

/** The document fields taken from a group's rows (the first row that fills one gives it). */
const HEAD_COLUMNS: ImportColumn[] = [
  'type',
  'series',
  'date',
  'dueDate',
  'customerTaxId',
  'customerCode',
  'customerName',
  'customerAddress',
  'customerPostalCode',
  'customerCity',
  'customerCountry',
  'sendTo',
];

/** A data row: its number in the file (the header is row 1) and its cells by template column. */
export interface ImportRow {
  row: number;
  cells: Partial<Record<ImportColumn, string>>;
}

/** The cells of a row by template column (unknown columns dropped, cells trimmed, empty cells left out). */
export function rowCells(values: string[], columns: (ImportColumn | null)[]): Partial<Record<ImportColumn, string>> {
  const cells: Partial<Record<ImportColumn, string>> = {};
  columns.forEach((c, i) => {
    const v = (values[i] ?? '').trim();
    if (c && v) cells[c] = v;
  });
  return cells;
}

/** A document read from its rows, with what of them could not be read (then it is not checked further). */
export interface ReadDocument {
  document: ImportDocument;
  issues: RowIssue[];
}

/** A document's rows as read so far. */
interface OpenGroup {
  key: string;
  first: number;
  rows: ImportRow[];
  complete: boolean;
}

/**
 * Groups a file's rows into documents by their document key while the file streams, without holding it: a first
 * pass over the file gives each key's last row (`lastRow`), so a document is complete once that row is read. The
 * documents come out in the order of each key's first row (a complete document waits for the documents that start
 * before it), so a file whose documents are contiguous holds one document at a time; an interleaved one holds what
 * is still open.
 */
export class RowGroups {
  private readonly open = new Map<string, OpenGroup>();
  /** Documents in the order of their first row, from `head` on not yet given out. */
  private queue: OpenGroup[] = [];
  private head = 0;

  constructor(private readonly lastRow: ReadonlyMap<string, number>) {}

  /** Adds the next row of the file: the documents it completes (read), and the issue of a row with no key. */
  add(r: ImportRow): { documents: ReadDocument[]; issue?: RowIssue } {
    const key = r.cells.document;
    if (!key) return { documents: [], issue: { row: r.row, column: 'document', reason: 'The document key is empty.' } };
    let g = this.open.get(key);
    if (!g) {
      g = { key, first: r.row, rows: [], complete: false };
      this.open.set(key, g);
      this.queue.push(g);
    }
    g.rows.push(r);
    // A key the first pass did not see (the file changed between the passes) stays open until the end.
    if (this.lastRow.get(key) === r.row) g.complete = true;
    return { documents: this.flush(false) };
  }

  /** At the end of the file: the documents still open. */
  end(): ReadDocument[] {
    return this.flush(true);
  }

  private flush(all: boolean): ReadDocument[] {
    const documents: ReadDocument[] = [];
    while (this.head < this.queue.length && (all || this.queue[this.head].complete)) {
      const g = this.queue[this.head++];
      this.open.delete(g.key);
      documents.push(readDocument(g.key, g.first, g.rows));
      g.rows = [];
    }
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
    return documents;
  }
}

/**
 * Groups the rows into documents by their document key, in the order of each key's first row, and reads each cell
 * (numbers with decimal commas, day-first dates). What cannot be read is an issue of its row and column; the
 * account's rules (customers, items, taxes, totals) are checked later by the core.
 */
export function groupRows(rows: ImportRow[]): { documents: ImportDocument[]; issues: RowIssue[] } {
  const lastRow = new Map<string, number>();
  for (const r of rows) if (r.cells.document) lastRow.set(r.cells.document, r.row);
  const groups = new RowGroups(lastRow);
  const documents: ImportDocument[] = [];
  const issues: RowIssue[] = [];
  const take = (read: ReadDocument[]) =>
    read.forEach((d) => {
      documents.push(d.document);
      issues.push(...d.issues);
    });
  for (const r of rows) {
    const added = groups.add(r);
    if (added.issue) issues.push(added.issue);
    take(added.documents);
  }
  take(groups.end());
  return { documents, issues };
}

/** One document's rows read: its head fields from the first row that fills each, its lines, and what was unreadable. */
export function readDocument(key: string, first: number, rows: ImportRow[]): ReadDocument {
  const issues: RowIssue[] = [];
  const g = { first, rows };
  const head: Partial<Record<ImportColumn, string>> = {};
  for (const r of g.rows)
    for (const c of HEAD_COLUMNS) {
      const v = r.cells[c];
      if (v === undefined) continue;
      if (head[c] === undefined) head[c] = v;
      else if (head[c] !== v)
        issues.push({ row: r.row, column: c, reason: `'${v}' differs from '${head[c]}' of the same document.` });
    }
  const date = (c: 'date' | 'dueDate') => {
    if (head[c] === undefined) return undefined;
    const iso = dateText(head[c]);
    if (!iso)
      issues.push({ row: g.first, column: c, reason: `'${head[c]}' is no date (use YYYY-MM-DD or DD/MM/YYYY).` });
    return iso ?? undefined;
  };
  const lines: ImportLine[] = [];
  for (const r of g.rows) {
    const num = (c: 'quantity' | 'unitPrice' | 'discount' | 'taxRate') => {
      const v = r.cells[c];
      if (v === undefined) return undefined;
      const d = decimalText(v);
      if (d === null) issues.push({ row: r.row, column: c, reason: `'${v}' is no number.` });
      return d ?? undefined;
    };
    const quantity = num('quantity');
    if (r.cells.quantity === undefined)
      issues.push({ row: r.row, column: 'quantity', reason: 'The quantity is empty.' });
    if (!r.cells.itemCode && !r.cells.description)
      issues.push({ row: r.row, column: 'description', reason: 'Neither an item code nor a description.' });
    lines.push({
      row: r.row,
      itemCode: r.cells.itemCode,
      description: r.cells.description,
      quantity: quantity ?? '0',
      unitPrice: num('unitPrice'),
      discount: num('discount'),
      taxRate: num('taxRate'),
      exemption: r.cells.exemption,
    });
  }
  const document: ImportDocument = {
    key,
    firstRow: g.first,
    type: (head.type ?? 'FT').toUpperCase(),
    seriesCode: head.series,
    date: date('date'),
    dueDate: date('dueDate'),
    customer: {
      taxId: head.customerTaxId,
      code: head.customerCode,
      name: head.customerName,
      street: head.customerAddress,
      postalCode: head.customerPostalCode,
      city: head.customerCity,
      country: head.customerCountry?.toUpperCase(),
    },
    sendTo: head.sendTo,
    lines,
  };
  return { document, issues };
}
