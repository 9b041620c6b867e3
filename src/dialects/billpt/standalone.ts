import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import { capConnections, serverTimeoutOptions } from '../../http/server-limits.js';
import { DomainError } from '../../domain/errors.js';
import { type BillptDialectOptions, billptDialect } from './index.js';

/**
 * The bill.pt dialect at the root of its own server (BILLPT_PORT), for clients that can only change the host:
 * `http://host:BILLPT_PORT/api/1.0/...` and `/documentos/download/{id}/{token}`.
 */
export async function billptStandalone(
  opts: BillptDialectOptions & { logger?: FastifyBaseLogger; onWrite?: () => void },
): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: opts.logger,
    bodyLimit: 5 * 1024 * 1024,
    trustProxy: process.env.TRUST_PROXY === '1',
    ...serverTimeoutOptions(opts.config),
  });
  capConnections(app, opts.config);
  if (opts.onWrite)
    app.addHook('onResponse', async (request, reply) => {
      if (request.method !== 'GET' && reply.statusCode < 400) opts.onWrite!();
    });
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_req, ctx) =>
      Object.assign(new DomainError('rate_limited', `Rate limit of ${ctx.max} requests per ${ctx.after} exceeded.`), {
        statusCode: 429,
      }),
  });
  await app.register(billptDialect, { db: opts.db, config: opts.config, dbKind: opts.dbKind });
  return app;
}
