import type { FastifyInstance } from 'fastify';
import cors from '@fastify/cors';
import type { Config } from '../config.js';

/** The headers a browser client may read besides the simple ones. */
const EXPOSED_HEADERS = [
  'Location',
  'X-Request-Id',
  'Idempotent-Replayed',
  'Retry-After',
  'X-Key-Version',
  'X-Document-Copy',
  'X-Printed-Count',
];

/** CORS_ORIGINS: the browser origins allowed to call the APIs (none by default: no CORS headers at all). */
export async function installCors(app: FastifyInstance, config: Config): Promise<void> {
  if (!config.corsOrigins?.length) return;
  await app.register(cors, {
    origin: config.corsOrigins.includes('*') ? '*' : config.corsOrigins,
    exposedHeaders: EXPOSED_HEADERS,
  });
}
