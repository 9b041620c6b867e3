import type { RowIssue } from '../../domain/imports/group-rows.js';
import type { Ctx, Db } from '../context.js';
import { fileDocuments, scanFile } from './file-documents.js';
import { importInputs } from './import-inputs.js';
import type { ImportSource } from './import-source.js';
import { pinnedContext, validateImport, type ValidDocument } from './validate-import.js';

export interface ImportOptions {
  /** File header → template column (its key or its pt/en header), for files whose headers differ. */
  mapping?: Record<string, string>;
  /** E-mail each document to its row's `sendTo` once issued. */
  sendEmail?: boolean;
}

/**
 * What a file would issue: its valid documents with their totals (not their inputs: issuing reads the file again),
 * and every problem with its row and column.
 */
export interface ImportPreview {
  sha256: string;
  format: 'csv' | 'xlsx';
  /** The file's header row as written. */
  headers: string[];
  rows: number;
  documents: ValidDocument[];
  /** Documents in the file, valid or not. */
  documentCount: number;
  errors: RowIssue[];
}

/**
 * Reads and checks a whole file without writing anything, streaming it: a first pass finds where each document
 * ends, the second resolves and checks the documents a chunk at a time. What it keeps grows with the documents (a
 * summary each) and the errors, not with the file.
 */
export async function previewImport(
  db: Db,
  ctx: Ctx,
  source: ImportSource,
  opts: ImportOptions,
): Promise<ImportPreview> {
  const scan = await scanFile(source, opts.mapping);
  const base = { sha256: source.sha256, format: scan.format, headers: scan.headers, rows: scan.rows };
  if (scan.headerIssues.length) return { ...base, documents: [], documentCount: 0, errors: scan.headerIssues };
  const pinned = await pinnedContext(db, ctx);
  const documents: ValidDocument[] = [];
  // Kept apart so that the errors of one row come in the order they did when the file was checked whole.
  const readIssues: RowIssue[] = [];
  const resolveIssues: RowIssue[] = [];
  const checkIssues: RowIssue[] = [];
  let documentCount = 0;
  for await (const chunk of fileDocuments(source, scan)) {
    documentCount += chunk.documents.length;
    readIssues.push(...chunk.issues);
    const resolved = await importInputs(db, ctx.accountId, chunk.documents, { sendEmail: !!opts.sendEmail });
    resolveIssues.push(...resolved.issues);
    // A document with a row that could not be read is not checked further (its lines would be wrong).
    const inputs = resolved.inputs.map((input, i) => (chunk.readable[i] ? input : null));
    const checked = await validateImport(db, pinned, chunk.documents, inputs);
    documents.push(...checked.valid);
    checkIssues.push(...checked.issues);
  }
  const errors = [...readIssues, ...resolveIssues, ...checkIssues].sort((a, b) => a.row - b.row);
  return { ...base, documents, documentCount, errors };
}
