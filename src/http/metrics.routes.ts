import { createHash, timingSafeEqual } from 'node:crypto';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyReply } from 'fastify';
import type { Config } from '../config.js';
import type { Database } from '../infra/db/database.js';
import { registerDatabaseGauges } from '../infra/metrics/db-gauges.js';
import { Metrics } from '../infra/metrics/metrics.js';
import { instrumentServer } from './metrics.js';
import { bearerToken } from './kit/request-context.js';

const digest = (s: string) => createHash('sha256').update(s).digest();

async function scrape(metrics: Metrics, reply: FastifyReply) {
  const text = await metrics.registry.metrics();
  return reply.header('content-type', metrics.registry.contentType).header('cache-control', 'no-store').send(text);
}

/** `GET /metrics` on the API port, for `Authorization: Bearer <METRICS_TOKEN>` only (401 otherwise). */
export function metricsRoute(app: FastifyInstance, metrics: Metrics, token: string): void {
  const expected = digest(token);
  app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
    const given = bearerToken(request);
    if (!given || !timingSafeEqual(digest(given), expected)) {
      const message = 'The metrics token is required (Authorization: Bearer <METRICS_TOKEN>).';
      return reply
        .status(401)
        .header('www-authenticate', 'Bearer realm="metrics"')
        .send({ error: { code: 'unauthenticated', message, details: [], requestId: request.id } });
    }
    return scrape(metrics, reply);
  });
}

/** `/metrics` with no token on a port of its own (METRICS_PORT): for a network only Prometheus reaches. */
export async function metricsServer(metrics: Metrics, logger: FastifyBaseLogger): Promise<FastifyInstance> {
  const app = Fastify({ loggerInstance: logger });
  app.get('/metrics', { logLevel: 'warn' }, async (_request, reply) => scrape(metrics, reply));
  return app;
}

/**
 * The metrics of a server: request instrumentation, the database gauges, and `/metrics` (with METRICS_TOKEN on
 * the API port, and without one on METRICS_PORT). Neither set: counted, but not served.
 */
export function installMetrics(
  app: FastifyInstance,
  deps: { database: Database; config: Config; metrics?: Metrics },
): Metrics {
  const metrics = deps.metrics ?? new Metrics();
  instrumentServer(app, metrics);
  registerDatabaseGauges(metrics, deps.database);
  const { metricsToken, metricsPort, host } = deps.config;
  if (metricsToken || metricsPort) metrics.collectProcessMetrics();
  if (metricsToken) metricsRoute(app, metrics, metricsToken);
  if (metricsPort) {
    let server: FastifyInstance | undefined;
    app.addHook('onListen', async () => {
      server = await metricsServer(metrics, app.log);
      await server.listen({ host, port: metricsPort });
    });
    app.addHook('onClose', async () => {
      await server?.close();
    });
  }
  return metrics;
}
