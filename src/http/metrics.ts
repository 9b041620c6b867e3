import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Tx } from '../app/context.js';
import type { Metrics } from '../infra/metrics/metrics.js';

/** The documents a request finalized, by transaction: only the last transaction's count (see `Ctx.issued`). */
class IssuedDocuments {
  private tx: Tx | undefined;
  private types: string[] = [];

  readonly record = (tx: Tx, docType: string): void => {
    if (tx !== this.tx) {
      this.tx = tx;
      this.types = [];
    }
    this.types.push(docType);
  };

  flush(metrics: Metrics): void {
    for (const type of this.types) metrics.documentsIssued.inc({ type });
    this.types = [];
  }
}

declare module 'fastify' {
  interface FastifyRequest {
    issuedDocuments?: IssuedDocuments;
  }
}

/** What a use-case context gets to report the documents it finalized (undefined on an uninstrumented server). */
export function issuedHook(request: FastifyRequest): ((tx: Tx, docType: string) => void) | undefined {
  return request.issuedDocuments?.record;
}

/**
 * Request counts and latency by method, route pattern (never the raw URL: ids and tokens would make a series
 * each) and status; and the documents a successful request finalized, counted once it answered (committed).
 */
export function instrumentHttp(app: FastifyInstance, metrics: Metrics): void {
  app.addHook('onRequest', async (request) => {
    request.issuedDocuments = new IssuedDocuments();
  });
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const labels = { method: request.method, route, status_code: String(reply.statusCode) };
    metrics.httpRequests.inc(labels);
    metrics.httpDuration.observe(labels, reply.elapsedTime / 1000);
    if (reply.statusCode < 400) request.issuedDocuments?.flush(metrics);
  });
}

declare module 'fastify' {
  interface FastifyInstance {
    /** This server's Prometheus instruments (plugins read it when they count, e.g. group-commit batches). */
    metrics?: Metrics;
  }
}

/** Instruments a server (the API's, or a dialect's own port) with the shared metrics. */
export function instrumentServer(app: FastifyInstance, metrics: Metrics): void {
  app.decorate('metrics', metrics);
  instrumentHttp(app, metrics);
}
