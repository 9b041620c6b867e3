import { documentQrPayload } from '../../../app/documents/document-qr-payload.js';
import { type DocumentView, getDocument } from '../../../app/documents/get-document.js';
import { DOC_TYPE_INFO, isDocType } from '../../../domain/documents/types.js';
import { DomainError } from '../../../domain/errors.js';
import { ensureDocumentPdf } from '../../../render/pdf/document-pdf.js';
import type { Call, Handler, Route } from '../context.js';
import { ixTypeByName, ixTypeOfCore } from '../doc-types.js';
import { IxError } from '../ix-error.js';

const TRUE = /^(1|true|yes|on)$/i;

/**
 * Any printable document of the account (documents, estimates, guides, receipts) by the id in the URL:
 * 404 when unknown or another account's, 406 for a draft (InvoiceXpress's "invalid state": a draft has no PDF).
 */
async function printable(c: Call, typeName?: string): Promise<DocumentView> {
  const missing = new IxError(404, ['Document not found']);
  if (!c.id) throw missing;
  let v: DocumentView;
  try {
    v = await getDocument(c.db, c.accountId, c.id);
  } catch (err) {
    if (err instanceof DomainError && err.code === 'not_found') throw missing;
    throw err;
  }
  const type = v.doc.doc_type;
  if (!isDocType(type) || DOC_TYPE_INFO[type].family === 'opening_balance') throw missing;
  if (typeName !== undefined && !namesType(typeName, type)) throw missing;
  if (v.doc.status === 'draft') throw new IxError(406, ['A draft has no PDF: finalize the document first']);
  return v;
}

/**
 * Whether `/api/pdf/{type}/…` fits the document: a type of its family (`invoices`, `invoice_receipt`, `Quote`…;
 * clients use `invoices` for every invoice type), or `receipts` for a receipt.
 */
function namesType(name: string, core: string): boolean {
  if (core === 'RC' || core === 'RG') return /^(receipts?|invoices?)$/i.test(name.trim());
  const named = ixTypeByName(name);
  return named !== undefined && named.family === ixTypeOfCore(core)?.family;
}

/** InvoiceXpress PDF (the URL of the rendered file) and QR codes. */
export function pdfRoutes(route: Route): void {
  // GET /api/pdf/:id.json[?second_copy=true]. InvoiceXpress answers 202 while it generates the file and clients
  // poll; here the render (on the PDF thread pool, cached) is done before answering, so the first call already
  // gets the URL and the link never points at a file still to be made. Some clients put the document's type in
  // the path: /api/pdf/:type/:id.json.
  const pdf: Handler = async (c) => {
    const v = await printable(c, c.params.type);
    await ensureDocumentPdf(c.db, c.accountId, v.doc.id);
    // NOTE: a second copy must say it is not the original (D8632 §2.2.15): the link asks for a "2.ª via".
    const secondCopy = TRUE.test(String(c.query.second_copy ?? ''));
    const pdfUrl = `${c.deps.config.publicUrl}/download/${v.doc.id}/${v.doc.download_token}${secondCopy ? '?copy=reprint' : ''}`;
    // The docs spell it pdfUrl; some clients (go-invoicexpress) read pdf_url.
    return { body: { output: { pdfUrl, pdf_url: pdfUrl } } };
  };
  route('GET', '/api/pdf/:id', {}, pdf);
  route('GET', '/api/pdf/:type/:id', {}, pdf);

  // GET /api/qr_codes/:id.json: the AT QR code as an image URL, with the payload it encodes.
  route('GET', '/api/qr_codes/:id', {}, async (c) => {
    const v = await printable(c);
    const data = documentQrPayload(v);
    if (!data) throw new IxError(406, ['This document has no QR code']);
    return {
      body: {
        qr_code: { url: `${c.deps.config.publicUrl}/download/${v.doc.id}/${v.doc.download_token}/qr.png`, data },
      },
    };
  });
}
