import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Config } from '../config.js';
import { lazySchemas, lazySchemasOf } from '../http/lazy-schemas.js';
import { redactUrl } from '../http/redact.js';
import { capConnections, serverTimeoutOptions } from '../http/server-limits.js';
import { BODY_LIMIT } from '../http/kit/body.js';

/** Credentials never reach the log, whichever header a client put them in. */
const REDACTED_HEADERS = [
  'req.headers.authorization',
  'req.headers.apikey',
  'req.headers.token',
  'req.headers["x-api-key"]',
];

/**
 * The main port's Fastify: JSON logs without credentials, request ids (a client's own `X-Request-Id` when it is
 * sane), validation that refuses unknown fields, body and connection limits. It carries no routes yet.
 */
export function createHttpServer(config: Config, logger: boolean): FastifyInstance {
  const schemas = lazySchemas();
  const app = Fastify({
    logger: logger
      ? {
          level: config.logLevel,
          redact: { paths: REDACTED_HEADERS, censor: '[REDACTED]' },
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
    bodyLimit: BODY_LIMIT,
    trustProxy: process.env.TRUST_PROXY === '1',
    ...serverTimeoutOptions(config),
  });
  lazySchemasOf.set(app, schemas);
  capConnections(app, config);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  return app;
}
