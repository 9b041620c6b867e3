import type { FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { Config } from '../config.js';
import { openapiOptions } from '../http/openapi.js';
import { addNativeComponents } from '../http/v1/components.js';

/** The native OpenAPI document at `/openapi.json` (built from the routes registered after this) and `/docs`. */
export async function installOpenapiDocs(app: FastifyInstance, config: Config): Promise<void> {
  addNativeComponents(app);
  await app.register(swagger, openapiOptions(config.publicUrl));
  if (config.docs !== false) await app.register(swaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
