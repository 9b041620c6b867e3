import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import { capConnections, serverTimeoutOptions } from '../../http/server-limits.js';
import { type InvoicexpressDialectOptions, invoicexpressDialect } from './index.js';

/**
 * The InvoiceXpress dialect at the root of its own server (INVOICEXPRESS_PORT), for clients that can only change
 * the host: `http://host:INVOICEXPRESS_PORT/invoices.json?api_key=…`.
 */
export async function invoicexpressStandalone(
  opts: InvoicexpressDialectOptions & { logger?: FastifyBaseLogger; onWrite?: () => void },
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
      if ((request.method !== 'GET' || reply.statusCode === 202) && reply.statusCode < 400) opts.onWrite!();
    });
  await app.register(rateLimit, { global: false });
  await app.register(invoicexpressDialect, {
    db: opts.db,
    config: opts.config,
    dbKind: opts.dbKind,
    baseUrl: opts.baseUrl,
  });
  return app;
}
