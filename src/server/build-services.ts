import type { Config } from '../config.js';
import type { AtDeps } from '../app/at/ports.js';
import type { EmailDeps } from '../app/email/ports.js';
import type { WebhookDeps } from '../app/webhooks/ports.js';
import type { Database } from '../infra/db/database.js';
import { TransactionBatcher } from '../infra/db/transaction-batcher.js';
import type { Metrics } from '../infra/metrics/metrics.js';
import { createAtDeps } from '../integrations/at/runtime.js';
import { createEmailDeps } from '../integrations/email/runtime.js';
import { createDocumentEinvoiceSource } from '../integrations/email/document-attachment.js';
import { createPeppolDeps } from '../integrations/peppol/runtime.js';
import { readStatusCallback } from '../integrations/peppol/status-callback.js';
import { createOutboundEinvoice } from '../exports/einvoice/outbound-peppol.js';
import type { PeppolSendDeps } from '../app/peppol/ports.js';
import { meteredMailTransport, meteredWebhookSender } from '../integrations/metered-ports.js';
import { createWebhookDeps } from '../integrations/webhooks/runtime.js';
import { createSecretBox } from '../integrations/secrets/secret-box.js';
import { startPdfRenderPool } from '../render/pdf/render-pool.js';
import { configureEinvoiceValidation } from '../exports/einvoice/validate/index.js';
import type { PurchaseDeps } from '../app/purchases/ports.js';
import { createReceivedEinvoiceTools } from '../exports/einvoice/received-einvoice.js';
import type { Services } from './services.js';

/** Built on the first call, then the same instance: what loads a heavy module waits until something needs it. */
function once<T>(build: () => T): () => T {
  let built: T | undefined;
  return () => (built ??= build());
}

/**
 * Every service of the process, each built once: the routes of every API and the job handlers share them. AT and
 * e-mail are built on first use (the SOAP client and nodemailer stay unloaded until a request or a job needs them).
 * Every AT call, SMTP attempt and webhook delivery is counted in `metrics`. The PDF render pool (config.pdfThreads
 * worker threads, one pool per process) starts here and warms while the server starts; shutdown.ts closes it.
 */
export function buildServices(
  config: Config,
  database: Database,
  metrics: Metrics,
  worker?: { poke(): void },
): Services {
  startPdfRenderPool(config.pdfThreads ?? 0);
  configureEinvoiceValidation({ threads: config.einvoiceThreads });
  const services: Services = {
    config,
    database,
    metrics,
    batcher: new TransactionBatcher(database.db, { onBatch: (n) => metrics.observeBatch(n) }),
    at: once((): AtDeps => createAtDeps(config, database.kind, metrics)),
    email: once((): EmailDeps => {
      const email = createEmailDeps(config, database.kind);
      return {
        ...email,
        transport: meteredMailTransport(email.transport, metrics),
        einvoice: createDocumentEinvoiceSource(),
      };
    }),
    webhooks: once((): WebhookDeps => {
      const webhooks = createWebhookDeps(config, database.kind);
      return { ...webhooks, sender: meteredWebhookSender(webhooks.sender, metrics) };
    }),
    secrets: once(() =>
      createSecretBox({
        secretKey: config.secretKey,
        dataDir: config.dataDir || undefined,
        embedded: database.kind === 'pglite',
      }),
    ),
    peppol: once((): PeppolSendDeps => ({
      ...createPeppolDeps(config, database.kind),
      einvoice: createOutboundEinvoice(),
      publicUrl: config.publicUrl,
      defaultSmpUrl: config.peppolSmpUrl,
      readStatusCallback,
    })),
    purchases: once((): PurchaseDeps => ({ ...createReceivedEinvoiceTools(), peppol: () => services.peppol() })),
    pokeWorker: () => worker?.poke(),
  };
  return services;
}
