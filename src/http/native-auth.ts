import type { FastifyInstance } from 'fastify';
import { authenticateApiKey } from '../app/accounts/authenticate-api-key.js';
import { DomainError } from '../domain/errors.js';
import type { Database } from '../infra/db/database.js';
import { authFailureLimit } from './kit/auth-limit.js';
import { requireNativeScope } from './native-scopes.js';
import { bearerToken } from './kit/request-context.js';

const rateLimited = (message: string) => Object.assign(new DomainError('rate_limited', message), { statusCode: 429 });

/**
 * Authentication of the native API: the Bearer key (failures limited per address) and its scope, then the rate
 * limit per key id, so however the header is spelled (`bearer K`, `Bearer\tK`) a key has one budget.
 */
export function installNativeAuth(
  app: FastifyInstance,
  db: Database['db'],
  limits: { rateLimitPerMinute: number; authFailuresPerMinute?: number },
): void {
  const guarded = authFailureLimit(app, {
    max: limits.authFailuresPerMinute,
    limited: (s) => rateLimited(`Too many failed authentications from this address; retry in ${s} s.`),
  });
  app.addHook('onRequest', async (request, reply) => {
    request.principal = await guarded(request, reply, () => authenticateApiKey(db, bearerToken(request)));
  });
  app.addHook(
    'onRequest',
    app.rateLimit({
      max: limits.rateLimitPerMinute,
      timeWindow: 60_000,
      keyGenerator: (request) => `key:${request.principal?.apiKeyId}`,
      errorResponseBuilder: (_req, ctx) =>
        rateLimited(`Rate limit of ${ctx.max} requests per ${ctx.after} exceeded; retry later.`),
    }),
  );
  app.addHook('onRequest', async (request) => requireNativeScope(request));
}
