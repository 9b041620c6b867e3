import type { DocumentPdfSource, MailAttachment } from '../../app/email/ports.js';
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
