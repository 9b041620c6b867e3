import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import type { CopyRequest } from '../../app/pdf/copy-kind.js';
import type { DocumentPdf } from '../../render/pdf/document-pdf.js';

// How every API (native, public link, compatibility dialects) asks for a copy and sends a print.

const COPY_VALUES = ['auto', 'original', 'duplicate', 'reprint', 'second'] as const;

export const CopyQuery = Type.Object({
  copy: Type.Optional(
    Type.Union(
      COPY_VALUES.map((v) => Type.Literal(v)),
      {
        description:
          'auto (default): the first print is the Original, later ones Duplicado. original: honoured on the first print only, ' +
          'afterwards a "2.ª via" (a re-print must say it is not the original, D8632 §2.2.15). duplicate, reprint (alias second): always as asked.',
      },
    ),
  ),
});

export function copyRequest(v: (typeof COPY_VALUES)[number] | undefined): CopyRequest {
  return v === 'second' ? 'reprint' : (v ?? 'auto');
}

/** Sends a print: the PDF inline, named after the document, never cached by intermediaries (every download is counted). */
export function sendPdf(reply: FastifyReply, pdf: DocumentPdf): FastifyReply {
  return reply
    .header('content-type', 'application/pdf')
    .header(
      'content-disposition',
      `inline; filename="${pdf.fileName}"; filename*=UTF-8''${encodeURIComponent(pdf.fileName)}`,
    )
    .header('cache-control', 'private, no-store')
    .header('x-document-copy', pdf.copy)
    .header('x-printed-count', String(pdf.printedCount))
    .send(pdf.bytes);
}
