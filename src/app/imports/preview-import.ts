import { createHash } from 'node:crypto';
import { groupRows, rowCells, type RowIssue } from '../../domain/imports/group-rows.js';
import { recognizeHeaders } from '../../domain/imports/template-columns.js';
import type { Ctx, Db } from '../context.js';
import { importInputs } from './import-inputs.js';
import { readSheet } from './read-sheet.js';
import { validateImport, type ValidDocument } from './validate-import.js';

export interface ImportOptions {
  /** File header → template column (its key or its pt/en header), for files whose headers differ. */
  mapping?: Record<string, string>;
  /** E-mail each document to its row's `sendTo` once issued. */
  sendEmail?: boolean;
}

/** What a file would issue: its documents with their totals, and every problem with its row and column. */
export interface ImportPreview {
  sha256: string;
  format: 'csv' | 'xlsx';
  rows: number;
  documents: ValidDocument[];
  /** Documents in the file, valid or not. */
  documentCount: number;
  errors: RowIssue[];
}

/** Reads and checks a whole file without writing anything. */
export async function previewImport(db: Db, ctx: Ctx, bytes: Uint8Array, opts: ImportOptions): Promise<ImportPreview> {
  const sheet = await readSheet(bytes);
  const { columns, issues: headerIssues } = recognizeHeaders(sheet.headers, opts.mapping);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const base = { sha256, format: sheet.format, rows: sheet.rows.length };
  if (headerIssues.length)
    return { ...base, documents: [], documentCount: 0, errors: headerIssues.map((h) => ({ row: 1, ...h })) };
  const { documents, issues } = groupRows(sheet.rows.map((r) => ({ row: r.row, cells: rowCells(r.values, columns) })));
  const resolved = await importInputs(db, ctx.accountId, documents, { sendEmail: !!opts.sendEmail });
  // A document with a row that could not be read is not checked further (its lines would be wrong).
  const unreadable = new Set(issues.map((i) => i.row));
  const inputs = resolved.inputs.map((input, i) =>
    documents[i].lines.some((l) => unreadable.has(l.row)) || unreadable.has(documents[i].firstRow) ? null : input,
  );
  const checked = await validateImport(db, ctx, documents, inputs);
  const errors = [...issues, ...resolved.issues, ...checked.issues].sort((a, b) => a.row - b.row);
  return { ...base, documents: checked.valid, documentCount: documents.length, errors };
}
