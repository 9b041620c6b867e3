import type { Db, Tx } from '../../app/context.js';
import type { CopyRequest } from '../../app/pdf/copy-kind.js';
import { readDocumentFile, writeDocumentFile } from '../../app/pdf/document-file-cache.js';
import { findDocumentByToken } from '../../app/pdf/find-document-by-token.js';
import { getAccountLogo } from '../../app/pdf/get-account-logo.js';
import { loadPdfSource } from '../../app/pdf/load-pdf-source.js';
import { takePrint } from '../../app/pdf/record-print.js';
import type { CopyKind } from '../../domain/pt/legal-marks.js';
import { copyMarks } from './labels.js';
import { stampCopyMark } from './copy-mark.js';
import { buildPdfModel, sourceHash, type PdfModel } from './model.js';
import { renderPdf } from './render-pool.js';

export interface DocumentPdf {
  accountId: number;
  documentId: number;
  bytes: Buffer;
  /** `FT A2026-12.pdf`: the document number, safe as a file name. */
  fileName: string;
  copy: CopyKind;
  /** The copy mark as printed, in the document's language ("Original", "Duplicado", "2.ª via"…). */
  copyText: string;
  /** Prints of the document including this one. */
  printedCount: number;
}

export interface RenderedPdf {
  /** The render without copy mark: what the cache holds. */
  bytes: Uint8Array;
  model: PdfModel;
  /** False when the cache already held this exact render. */
  rendered: boolean;
}

export function pdfFileName(docNo: string | null, documentId: number): string {
  return `${(docNo ?? `document-${documentId}`).replace(/\//g, '-').replace(/[^\w .-]/g, '_')}.pdf`;
}

/** Renders in flight in this process, by document and source hash: simultaneous first requests share one. */
const inFlight = new Map<string, Promise<Buffer>>();

/**
 * The document's PDF without copy mark, from the cache when it holds the current render, else rendered and
 * cached. The cache key is a hash of everything printed (see model.ts), so whatever changed since — the
 * document was cancelled or paid, AT returned a transport code, the logo or the layout changed — re-renders.
 *
 * Called with the database handle rather than a transaction, nothing is held while the render runs on the pool
 * (render-pool.ts): the source is read, the PDF rendered, then the cache written by one upsert (two first
 * requests both succeed; the later write wins with the same bytes).
 */
export async function ensureDocumentPdf(tx: Tx, accountId: number, documentId: number): Promise<RenderedPdf> {
  const [source, cached] = await Promise.all([
    loadPdfSource(tx, accountId, documentId),
    readDocumentFile(tx, accountId, documentId, 'pdf'),
  ]);
  const model = buildPdfModel(source);
  const hash = sourceHash(model);
  if (cached && cached.sourceHash === hash) return { bytes: cached.bytes, model, rendered: false };
  const key = `${accountId}:${documentId}:${hash}`;
  let render = inFlight.get(key);
  if (!render) {
    const logo = model.logo ? (await getAccountLogo(tx, accountId)).bytes : null;
    render = renderPdf({ model, logo }).finally(() => inFlight.delete(key));
    inFlight.set(key, render);
  }
  const bytes = await render;
  await writeDocumentFile(tx, accountId, documentId, 'pdf', { sourceHash: hash, bytes });
  return { bytes, model, rendered: true };
}

/**
 * A print of a document: its PDF with the copy mark, counted in documents.printed_count (one atomic UPDATE), in
 * the caller's transaction if it passes one (see ensureDocumentPdf for why a caller may rather pass the database). The first print is the Original; see chooseCopyKind for the rules (D8632 §2.2.15).
 * This is what every delivery uses — download, tokenized link, e-mail attachment.
 */
export async function getDocumentPdf(
  tx: Tx,
  accountId: number,
  documentId: number,
  opts: { copy?: CopyRequest } = {},
): Promise<DocumentPdf> {
  const rendered = await ensureDocumentPdf(tx, accountId, documentId);
  const { copy, printedCount } = await takePrint(tx, accountId, documentId, opts.copy ?? 'auto');
  return { ...stamp(rendered, documentId, copy), accountId, printedCount };
}

/**
 * The PDF with a copy mark decided earlier (by `takePrint`), counting nothing: for a delivery that was counted
 * when it was queued and may be retried, such as an e-mail attachment. Same bytes at every call.
 */
export async function renderDocumentCopy(
  tx: Tx,
  accountId: number,
  documentId: number,
  copy: CopyKind,
): Promise<Omit<DocumentPdf, 'printedCount'>> {
  return { ...stamp(await ensureDocumentPdf(tx, accountId, documentId), documentId, copy), accountId };
}

function stamp(rendered: RenderedPdf, documentId: number, copy: CopyKind) {
  const copyText = copyMarks(rendered.model.lang)[copy];
  return {
    documentId,
    bytes: stampCopyMark(rendered.bytes, copyText),
    fileName: pdfFileName(rendered.model.number || null, documentId),
    copy,
    copyText,
  };
}

/**
 * The public, tokenized download (`/download/:id/:token`, and bill.pt's `/documentos/download/{id}/{token}`):
 * no API key, the token is the credential. A wrong id or token is the same not_found.
 */
export async function downloadDocumentPdf(
  db: Db,
  documentId: number,
  token: string,
  opts: { copy?: CopyRequest } = {},
): Promise<DocumentPdf> {
  // No transaction around the render (see ensureDocumentPdf): the token lookup, the cached render and the print
  // count are each consistent on their own.
  const { accountId } = await findDocumentByToken(db, documentId, token);
  return getDocumentPdf(db, accountId, documentId, opts);
}
