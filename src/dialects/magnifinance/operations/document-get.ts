import { ensureDocumentPdf } from '../../../render/pdf/document-pdf.js';
import { signDownloadLink } from '../../../app/magnifinance/download-link.js';
import { documentState } from '../../../app/magnifinance/document-state.js';
import { documentIdOf } from '../document-id.js';
import { MfError } from '../mf-error.js';
import type { MfOperation } from '../operation.js';
import { downloadPath } from '../routes.js';
import { mfComplex, mfField } from '../wsdl-types.js';

/** How long DocumentGet waits for a PDF being rendered before answering 06 (the render goes on and is cached). */
const PDF_WAIT_MS = 5_000;

const notReady = (detail: string) => new MfError(6, detail);

/** Whether the PDF is rendered (or was cached) within the wait; a render still running is left to finish. */
async function pdfReady(render: Promise<unknown>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), PDF_WAIT_MS);
  });
  try {
    return await Promise.race([render.then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * DocumentGet: the document's number (`FT A2026/47`: type, series and number, MagniFinance's `FT FT/47` form) and
 * an expiring link to its PDF that needs no credentials. As MagniFinance, 06 ElementDoesNotExist until the document
 * is closed (finalized or cancelled) and its PDF exists; clients poll on it. The PDF is rendered on the first such
 * call, which waits for it up to a few seconds.
 */
export const documentGet: MfOperation = {
  name: 'DocumentGet',
  service: 'invoicing',
  auth: 'Authentication',
  scope: 'read',
  wsdl: {
    input: [mfField('DocumentId', 'int')],
    output: mfComplex('DocumentGetObject', [
      mfField('DocumentNumber'),
      mfField('DownloadUrl'),
      mfField('ErrorMessage'),
    ]),
    doc: 'The number of a closed document and a link to its PDF (06 until it is ready).',
  },
  async run(input, c) {
    const id = documentIdOf(input);
    const doc = await documentState(c.db, c.accountId, id);
    if (doc.status === 'draft') throw notReady('The document is not closed: a draft has no PDF.');
    const render = ensureDocumentPdf(c.db, c.accountId, id);
    // A render that outlives the wait still caches its PDF; its failure then has no one to answer.
    render.catch((err: unknown) => c.request.log.warn({ err, documentId: id }, 'MagniFinance PDF render failed'));
    if (!(await pdfReady(render))) throw notReady('The document is being prepared; try again in a few seconds.');
    const token = await signDownloadLink(c.db, c.accountId, id, c.ctx.now);
    return { DocumentNumber: doc.docNo ?? '', DownloadUrl: `${c.baseUrl}${downloadPath(id, token)}` };
  },
};
