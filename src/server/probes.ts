import type { FastifyInstance } from 'fastify';
import { pingDatabase } from '../app/health/ping-database.js';
import type { Database } from '../infra/db/database.js';

/**
 * `/healthz` (503 until the server is ready, then 200) and `/readyz` (the database answers). Returns what marks
 * the server ready.
 */
export function installProbes(app: FastifyInstance, database: Database): () => void {
  let ready = false;
  app.get('/healthz', { schema: { hide: true } }, async (_req, reply) =>
    ready ? { status: 'ok' } : reply.status(503).send({ status: 'starting' }),
  );
  app.get('/readyz', { schema: { hide: true } }, async (_req, reply) => {
    try {
      await pingDatabase(database.db);
      return { status: 'ok', database: database.kind };
    } catch {
      return reply.status(503).send({ status: 'unavailable' });
    }
  });
  return () => {
    ready = true;
  };
}
