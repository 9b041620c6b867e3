import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import { DomainError } from '../../domain/errors.js';
import type { ApiSurface, Services } from '../../server/services.js';
import { instrumentServer } from '../metrics.js';
import { capConnections, serverTimeoutOptions } from '../server-limits.js';
import { BODY_LIMIT } from './body.js';

/**
 * A write, or a 202 to a GET (background work started: InvoiceXpress's PDF and SAF-T), may have enqueued work:
 * wake the outbox worker once the answer is sent.
 */
export function wakeWorkerAfterWrites(app: FastifyInstance, services: Pick<Services, 'pokeWorker'>): void {
  app.addHook('onResponse', async (request, reply) => {
    if ((request.method !== 'GET' || reply.statusCode === 202) && reply.statusCode < 400) services.pokeWorker();
  });
}

export interface StandaloneOptions {
  port: number;
  host: string;
  /** The surface's own origin (`http://host:port`), for the links it writes. */
  baseUrl: string;
  /** Requests per minute, as the surface counts them. */
  rateLimitPerMinute: number;
  logger?: FastifyBaseLogger;
}

export interface StandaloneServer {
  app: FastifyInstance;
  listen(): Promise<string>;
  close(): Promise<void>;
}

/**
 * A surface at the root of a port of its own, for clients that can only change the host
 * (`http://host:BILLPT_PORT/api/1.0/…`): the main server's limits, metrics and worker wake-up, without its routes.
 */
export async function standaloneServer(
  surface: ApiSurface,
  services: Services,
  opts: StandaloneOptions,
): Promise<StandaloneServer> {
  const app = Fastify({
    loggerInstance: opts.logger,
    bodyLimit: BODY_LIMIT,
    trustProxy: process.env.TRUST_PROXY === '1',
    ...serverTimeoutOptions(services.config),
  });
  capConnections(app, services.config);
  instrumentServer(app, services.metrics);
  wakeWorkerAfterWrites(app, services);
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_req, ctx) =>
      Object.assign(new DomainError('rate_limited', `Rate limit of ${ctx.max} requests per ${ctx.after} exceeded.`), {
        statusCode: 429,
      }),
  });
  await app.register(async (scope) =>
    surface.register(scope, services, { baseUrl: opts.baseUrl, rateLimitPerMinute: opts.rateLimitPerMinute }),
  );
  return {
    app,
    listen: () => app.listen({ host: opts.host, port: opts.port }),
    close: () => app.close(),
  };
}
