import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.js';
import type { Database } from '../infra/db/database.js';
import type { TransactionBatcher } from '../infra/db/transaction-batcher.js';
import type { Metrics } from '../infra/metrics/metrics.js';
import type { AtDeps } from '../app/at/ports.js';
import type { EmailDeps, SecretSealer } from '../app/email/ports.js';
import type { PeppolSendDeps } from '../app/peppol/ports.js';
import type { WebhookDeps } from '../app/webhooks/ports.js';
import type { PurchaseDeps } from '../app/purchases/ports.js';

/**
 * Every service a route or a job needs, built once per process by the composition root (src/server/). Routes and
 * dialects receive this object; none of them constructs a service.
 */
export interface Services {
  config: Config;
  database: Database;
  /** Group commit of document writes: one per process, shared by the native API and every dialect. */
  batcher: TransactionBatcher;
  /** AT (Autoridade Tributária) communication, built on first use (it loads the SOAP client). */
  at(): AtDeps;
  /** E-mail sending, built on first use (it loads nodemailer). */
  email(): EmailDeps;
  webhooks(): WebhookDeps;
  /** The installation's secret box (FATURADOR_SECRET_KEY, or DATA_DIR/secret.key on PGlite), built on first use. */
  secrets(): SecretSealer;
  /** Peppol delivery: the access-point adapters, the outbound e-invoice, built on first use. */
  peppol(): PeppolSendDeps;
  /** Reception of e-invoices: reading, validation, the Invoice Response, the access points (built on first use). */
  purchases(): PurchaseDeps;
  metrics: Metrics;
  /** Wakes the outbox worker after a write that may have enqueued work; a no-op when this process runs none. */
  pokeWorker(): void;
}

/** How the composition root serves one API surface. */
export interface SurfaceOptions {
  /** Where the surface is served, for links it writes: `<PUBLIC_URL>/billpt`, or its own port's origin. */
  baseUrl: string;
  /** Requests per minute, counted the way the vendor counts them (per key or per account). */
  rateLimitPerMinute: number;
}

/** One API the server mounts from its list: the native API or a vendor dialect. */
export interface ApiSurface {
  /** `native`, `billpt`, `invoicexpress`, … (also the key under `config.dialects`). */
  name: string;
  /** Where it is mounted on the main server: `/v1`, `/billpt`, … (its own port serves it at the root). */
  prefix: string;
  /** Registers the surface's routes, hooks and error envelope on an encapsulated Fastify instance. */
  register(app: FastifyInstance, services: Services, opts: SurfaceOptions): Promise<void>;
}
