import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import { sql } from 'kysely';
import type { Config } from '../config.js';
import type { Database } from '../infra/db/database.js';
import { DomainError } from '../domain/errors.js';
import { installNativeErrorHandling, nativeErrorBody } from './native-errors.js';
import { redactUrl } from './redact.js';
import { lazySchemas, lazySchemasOf } from './lazy-schemas.js';
import { capConnections, serverTimeoutOptions } from './server-limits.js';
import { nativeApi } from './v1/index.js';
import { addNativeComponents } from './v1/components.js';
import { openapiOptions } from './openapi.js';
import { dialectOpenapi } from './dialect-openapi.js';
import { billptOpenapi } from '../dialects/billpt/openapi.js';
import { invoicexpressOpenapi } from '../dialects/invoicexpress/openapi.js';
import { downloadRoutes } from './download.routes.js';
import { installMetrics } from './metrics.routes.js';
import { instrumentServer } from './metrics.js';
import type { Metrics } from '../infra/metrics/metrics.js';
import type { JobWorker } from '../infra/jobs/worker.js';
import { billptDialect } from '../dialects/billpt/index.js';
import { billptStandalone } from '../dialects/billpt/standalone.js';
import { invoicexpressDialect } from '../dialects/invoicexpress/index.js';
import { invoicexpressStandalone } from '../dialects/invoicexpress/standalone.js';

export interface ServerDeps {
  database: Database;
  config: Config;
  logger?: boolean;
  /** The outbox worker to wake after a change that may have enqueued work. */
  worker?: JobWorker;
  /** The process's metrics, shared with the worker (a server makes its own otherwise). */
  metrics?: Metrics;
}

export async function buildServer({
  database,
  config,
  logger = true,
  worker,
  metrics: given,
}: ServerDeps): Promise<FastifyInstance> {
  const schemas = lazySchemas();
  const app = Fastify({
    logger: logger
      ? {
          level: config.logLevel,
          redact: {
            paths: ['req.headers.authorization', 'req.headers.apikey', 'req.headers.token', 'req.headers["x-api-key"]'],
            censor: '[REDACTED]',
          },
          serializers: {
            req: (req) => ({ method: req.method, url: redactUrl(req.url), remoteAddress: req.ip }),
          },
        }
      : false,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,100}$/.test(given) ? given : randomUUID();
    },
    // removeAdditional off: a body field the schema does not know is refused (422 unknown field), never dropped.
    ajv: { customOptions: { allErrors: true, coerceTypes: 'array', removeAdditional: false, useDefaults: true } },
    schemaController: schemas.schemaController,
    bodyLimit: 5 * 1024 * 1024,
    trustProxy: process.env.TRUST_PROXY === '1',
    ...serverTimeoutOptions(config),
  });
  lazySchemasOf.set(app, schemas);
  capConnections(app, config);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  // A 202 to a GET (background work started: InvoiceXpress's PDF and SAF-T) wakes the worker too.
  if (worker)
    app.addHook('onResponse', async (request, reply) => {
      if ((request.method !== 'GET' || reply.statusCode === 202) && reply.statusCode < 400) worker.poke();
    });
  const metrics = installMetrics(app, { database, config, metrics: given });
  installNativeErrorHandling(app);
  app.setNotFoundHandler((request, reply) =>
    reply
      .status(404)
      .send(
        nativeErrorBody(
          new DomainError('not_found', `No route ${request.method} ${redactUrl(request.url.split('?')[0])}.`),
          request.id,
        ),
      ),
  );

  if (config.corsOrigins?.length) {
    await app.register(cors, {
      origin: config.corsOrigins.includes('*') ? '*' : config.corsOrigins,
      exposedHeaders: [
        'Location',
        'X-Request-Id',
        'Idempotent-Replayed',
        'Retry-After',
        'X-Key-Version',
        'X-Document-Copy',
        'X-Printed-Count',
      ],
    });
  }
  addNativeComponents(app);
  await app.register(swagger, openapiOptions(config.publicUrl));
  if (config.docs !== false) await app.register(swaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_req, ctx) =>
      Object.assign(
        new DomainError('rate_limited', `Rate limit of ${ctx.max} requests per ${ctx.after} exceeded; retry later.`),
        { statusCode: 429 },
      ),
  });

  let ready = false;
  app.get('/healthz', { schema: { hide: true } }, async (_req, reply) =>
    ready ? { status: 'ok' } : reply.status(503).send({ status: 'starting' }),
  );
  app.get('/readyz', { schema: { hide: true } }, async (_req, reply) => {
    try {
      await sql`select 1`.execute(database.db);
      return { status: 'ok', database: database.kind };
    } catch {
      return reply.status(503).send({ status: 'unavailable' });
    }
  });

  await app.register(nativeApi, { prefix: '/v1', database, config });
  await app.register(downloadRoutes, { db: database.db, rateLimitPerMinute: config.rateLimitPerMinute });
  dialectOpenapi(app, config.publicUrl, [billptOpenapi, invoicexpressOpenapi]);
  // Compatibility dialects: bill.pt under /billpt (and at the root of BILLPT_PORT when set).
  await app.register(billptDialect, { prefix: '/billpt', db: database.db, config, dbKind: database.kind });
  if (config.billptPort) {
    const billpt = await billptStandalone({
      db: database.db,
      config,
      dbKind: database.kind,
      logger: app.log,
      onWrite: () => worker?.poke(),
    });
    instrumentServer(billpt, metrics);
    app.addHook('onListen', async () => {
      await billpt.listen({ host: config.host, port: config.billptPort });
    });
    app.addHook('onClose', async () => {
      await billpt.close();
    });
  }
  // InvoiceXpress under /invoicexpress (and at the root of INVOICEXPRESS_PORT when set).
  await app.register(invoicexpressDialect, {
    prefix: '/invoicexpress',
    db: database.db,
    config,
    dbKind: database.kind,
    baseUrl: `${config.publicUrl}/invoicexpress`,
  });
  if (config.invoicexpressPort) {
    const ixUrl = new URL(config.publicUrl);
    ixUrl.port = String(config.invoicexpressPort);
    const ix = await invoicexpressStandalone({
      db: database.db,
      config,
      dbKind: database.kind,
      baseUrl: ixUrl.origin,
      logger: app.log,
      onWrite: () => worker?.poke(),
    });
    instrumentServer(ix, metrics);
    app.addHook('onListen', async () => {
      await ix.listen({ host: config.host, port: config.invoicexpressPort });
    });
    app.addHook('onClose', async () => {
      await ix.close();
    });
  }
  app.addHook('onReady', async () => {
    ready = true;
  });
  return app;
}
