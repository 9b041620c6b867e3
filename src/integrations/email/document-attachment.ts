import type { DocumentEinvoiceSource, DocumentPdfSource, MailAttachment } from '../../app/email/ports.js';
import { documentEinvoice } from '../../exports/einvoice/document-einvoice.js';
import type { Tx } from '../../app/context.js';
import type { CopyKind } from '../../domain/pt/legal-marks.js';
import { copyMarks } from '../../render/pdf/labels.js';
import { stampCopyMark } from '../../render/pdf/copy-mark.js';
import { ensureDocumentPdf, pdfFileName } from '../../render/pdf/document-pdf.js';

/**
 * The PDF attached to a document's e-mail: the cached render (rendered now if missing or stale) stamped with
 * the copy mark decided when the e-mail was queued. The print was counted then, so nothing is counted here
 * and every retry attaches the same bytes.
 *
 * A thin adapter over src/render/pdf: `getDocumentPdf` decides the mark and counts a print on each call, which
 * a retried e-mail must not do; a `renderDocumentCopy(tx, accountId, id, copy)` there would replace this.
 */
export function createDocumentPdfSource(): DocumentPdfSource {
  return {
    async load(tx: Tx, accountId: number, documentId: number, copy: CopyKind): Promise<MailAttachment> {
      const { bytes, model } = await ensureDocumentPdf(tx, accountId, documentId);
      return {
        filename: pdfFileName(model.number || null, documentId),
        contentType: 'application/pdf',
        content: stampCopyMark(bytes, copyMarks(model.lang)[copy]),
      };
    },
  };
}

/**
 * The Peppol UBL attached to an e-mail sent instead of a Peppol transmission (the receiver is not on Peppol): the
 * same document the access point would have carried, without the embedded PDF (the PDF is attached beside it); plain
 * EN 16931 for a buyer with no electronic address (a consumer), whom Peppol cannot address.
 */
export function createDocumentEinvoiceSource(): DocumentEinvoiceSource {
  return {
    async load(tx: Tx, accountId: number, documentId: number): Promise<MailAttachment> {
      const file = await documentEinvoice(tx, accountId, documentId, {
        syntax: 'ubl',
        profile: 'peppol',
        withoutBuyerEndpoint: 'en16931',
        attachPdf: false,
      });
      return { filename: file.fileName, contentType: 'application/xml', content: Buffer.from(file.xml, 'utf8') };
    },
  };
}
