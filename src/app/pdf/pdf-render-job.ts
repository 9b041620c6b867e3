/**
 * The background render of a document's PDF. Nothing queues it any more: every delivery renders on first request
 * and caches (ensureDocumentPdf). Its handler stays registered for the jobs older versions queued at finalize.
 */
export const PDF_RENDER_JOB = 'pdf.render';
