import { analyzeStale } from '../infra/db/analyze.js';
import type { JobWorker } from '../infra/jobs/worker.js';
import { AT_INVOICE_JOB, AT_TRANSPORT_JOB } from '../app/at/enqueue-at-communication.js';
import { handleAtJob } from '../app/at/handle-at-job.js';
import { EMAIL_SEND_JOB } from '../app/email/queue-document-email.js';
import { handleEmailJob } from '../app/email/handle-email-job.js';
import { PDF_RENDER_JOB } from '../app/pdf/pdf-render-job.js';
import { IMPORT_ISSUE_JOB } from '../app/imports/create-import.js';
import { issueImport } from '../app/imports/issue-import.js';
import { handlePeppolSendJob } from '../app/peppol/handle-peppol-send-job.js';
import { PEPPOL_SEND_JOB } from '../app/peppol/send-document-peppol.js';
import { INBOX_RESPOND_JOB } from '../app/purchases/decide-purchase-document.js';
import { INBOX_PULL_JOB, pullPeppolInbox, schedulePeppolInboxPulls } from '../app/purchases/pull-peppol-inbox.js';
import { sendInvoiceResponse } from '../app/purchases/send-invoice-response.js';
import { SAFT_FILE_JOB } from '../app/saft/request-saft-file.js';
import { EVENT_DISPATCH_JOB } from '../app/webhooks/emit-events.js';
import { WEBHOOK_DELIVER_JOB } from '../app/webhooks/dispatch-events.js';
import { handleEventDispatchJob, handleWebhookDeliverJob } from '../app/webhooks/handle-webhook-jobs.js';
import { billitWebhookFormat } from '../dialects/billit/webhook-format.js';
import { saftFileJob } from '../exports/saft/saft-file-job.js';
import { saftSoftware } from '../exports/saft/software.js';
import { pdfRenderJob } from '../render/pdf/pdf-job.js';
import type { Services } from './services.js';

/** How often a service provider's inbox is pulled (the next pull is queued this long after the last one ran). */
const PEPPOL_INBOX_PULL_SECONDS = 60;

/**
 * Background work: each job kind and its handler, on the same services the routes use. The worker's housekeeping
 * also keeps the statistics fresh: PGlite has no autovacuum (there it vacuums too), and PostgreSQL's may lag a
 * new installation's first minute or be off.
 */
export function registerJobHandlers(worker: JobWorker, services: Services): void {
  const db = services.database.db;
  // Endpoints registered through a dialect receive its format (body and signature), built by the dialect.
  const webhookFormats = { billit: billitWebhookFormat };
  const at = (job: Parameters<typeof handleAtJob>[2]) => handleAtJob(db, services.at(), job, new Date());
  worker
    .register(AT_TRANSPORT_JOB, at)
    .register(AT_INVOICE_JOB, at)
    .register(PDF_RENDER_JOB, pdfRenderJob(db))
    .register(EMAIL_SEND_JOB, (job) => handleEmailJob(db, services.email(), job, new Date()))
    .register(EVENT_DISPATCH_JOB, (job) => handleEventDispatchJob(db, job, webhookFormats))
    .register(WEBHOOK_DELIVER_JOB, (job) =>
      handleWebhookDeliverJob(db, { ...services.webhooks(), formats: webhookFormats }, job, new Date()),
    )
    .register(SAFT_FILE_JOB, saftFileJob(db, saftSoftware(services.config.software)))
    .register(PEPPOL_SEND_JOB, (job) => handlePeppolSendJob(db, services.peppol(), job, new Date()));
  worker
    .register(INBOX_PULL_JOB, async (job) => void (await pullPeppolInbox(db, services.purchases(), job)))
    .register(INBOX_RESPOND_JOB, (job) => sendInvoiceResponse(db, services.purchases(), job))
    .register(IMPORT_ISSUE_JOB, async (job) => {
      await issueImport(
        db,
        services.batcher,
        { accountId: job.account_id, importId: Number(job.payload.importId) },
        () => new Date(),
      );
    });
  worker.addHousekeeping(() => analyzeStale(db, { vacuum: services.database.kind === 'pglite' }));
  worker.addHousekeeping(() => schedulePeppolInboxPulls(db, PEPPOL_INBOX_PULL_SECONDS));
}
