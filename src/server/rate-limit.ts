import type { FastifyInstance } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import { DomainError } from '../domain/errors.js';

/**
 * The rate-limit plugin, with no global limit: each API sets its own (per key, per account, per address) and
 * answers 429 in its own envelope; this builder is the native one.
 */
export async function installRateLimit(app: FastifyInstance): Promise<void> {
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_req, ctx) =>
      Object.assign(
        new DomainError('rate_limited', `Rate limit of ${ctx.max} requests per ${ctx.after} exceeded; retry later.`),
        { statusCode: 429 },
      ),
  });
}
