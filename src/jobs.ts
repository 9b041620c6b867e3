import type { Config } from './config.js';
import type { Database } from './infra/db/database.js';
import type { JobWorker } from './infra/jobs/worker.js';

export interface JobDeps {
  database: Database;
  config: Config;
}

/** The composition root of background work: each capability registers the job kinds it handles. */
export function registerJobHandlers(_worker: JobWorker, _deps: JobDeps): void {
  // Handlers are registered here as capabilities land (PDF rendering, e-mail, AT communication, webhooks).
}
