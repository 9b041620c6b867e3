import type { Config } from './config.js';
import type { Database } from './infra/db/database.js';
import type { JobWorker } from './infra/jobs/worker.js';
import type { Metrics } from './infra/metrics/metrics.js';
import { registerAtJobHandlers } from './integrations/at/runtime.js';
import { PDF_RENDER_JOB } from './app/pdf/enqueue-pdf-render.js';
import { pdfRenderJob } from './render/pdf/pdf-job.js';
import { SAFT_FILE_JOB } from './app/saft/request-saft-file.js';
import { saftFileJob } from './exports/saft/saft-file-job.js';
import { saftSoftware } from './exports/saft/software.js';
import { registerEmailJobHandlers } from './integrations/email/runtime.js';
import { registerWebhookJobHandlers } from './integrations/webhooks/runtime.js';

export interface JobDeps {
  database: Database;
  config: Config;
  /** Counts delivery and AT results (the worker's own outcomes come through its onResult option). */
  metrics?: Metrics;
}

/** The composition root of background work: each capability registers the job kinds it handles. */
export function registerJobHandlers(_worker: JobWorker, _deps: JobDeps): void {
  // Handlers are registered here as capabilities land (PDF rendering, e-mail, AT communication, webhooks).
  registerAtJobHandlers(_worker, _deps);
  _worker.register(PDF_RENDER_JOB, pdfRenderJob(_deps.database.db));
  registerEmailJobHandlers(_worker, _deps);
  registerWebhookJobHandlers(_worker, _deps);
  _worker.register(SAFT_FILE_JOB, saftFileJob(_deps.database.db, saftSoftware(_deps.config.software)));
}
