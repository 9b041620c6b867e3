import type { FastifyInstance } from 'fastify';
import { DomainError } from '../domain/errors.js';
import { downloadRoutes } from '../http/download.routes.js';
import { installMetrics } from '../http/metrics.routes.js';
import { installNativeErrorHandling, nativeErrorBody } from '../http/native-errors.js';
import { redactUrl } from '../http/redact.js';
import { installCors } from './cors.js';
import { createHttpServer } from './http-server.js';
import { mountSurfaces } from './mount-surfaces.js';
import { installOpenapiDocs } from './openapi-docs.js';
import { installProbes } from './probes.js';
import { installRateLimit } from './rate-limit.js';
import type { Services } from './services.js';
import { installDialectOpenapi, SURFACES } from './surfaces.js';
import { wakeWorkerAfterWrites } from '../http/kit/standalone.js';
import { installConsole } from '../console/index.js';

/**
 * The main HTTP server on the process's services: probes, metrics, CORS, the OpenAPI documents, the public
 * download links, and every API surface of the list (each also on its own port when configured).
 */
export async function buildServer(services: Services, opts: { logger?: boolean } = {}): Promise<FastifyInstance> {
  const { config, database } = services;
  const app = createHttpServer(config, opts.logger ?? true);
  wakeWorkerAfterWrites(app, services);
  installMetrics(app, { database, config, metrics: services.metrics });
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
  await installCors(app, config);
  await installOpenapiDocs(app, config);
  await installRateLimit(app);
  const markReady = installProbes(app, database);

  installDialectOpenapi(app, services);
  await mountSurfaces(app, services, SURFACES);
  await installConsole(app, services);
  await app.register(downloadRoutes, { db: database.db, rateLimitPerMinute: config.rateLimitPerMinute });
  app.addHook('onReady', async () => markReady());
  return app;
}
