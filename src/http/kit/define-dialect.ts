import type { FastifyContextConfig, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authenticateApiKey, type Principal } from '../../app/accounts/authenticate-api-key.js';
import type { Ctx, Db, DbTransaction as DbTx } from '../../app/context.js';
import { type ApiKeyScope, scopeAllows } from '../../domain/api-key-scope.js';
import { DomainError } from '../../domain/errors.js';
import type { ApiSurface, Services, SurfaceOptions } from '../../server/services.js';
import { authFailureLimit, type GuardedAuthentication } from './auth-limit.js';
import { type BodyParsing, registerBodyParsers } from './body.js';
import { toDomainError } from './errors.js';
import { issuedHook } from './request-context.js';
import { scopeRefusal } from './scopes.js';
import { type BadText, findBadText } from './text-check.js';

/** The `:id` of a route's URL as a number; 0 when absent or not a number (it then reads as an unknown id). */
export function urlId(request: FastifyRequest): number {
  const raw = (request.params as { id?: string } | undefined)?.id;
  return raw !== undefined && /^\d{1,15}$/.test(raw) ? Number(raw) : 0;
}

/** The database handle the services hold, and a transaction of it (what use cases take as `Tx`). */
export type { Db, DbTransaction as DbTx } from '../../app/context.js';

/** How a dialect's errors are answered: its own error type `E`, built from domain errors, sent in its envelope. */
export interface ErrorEnvelope<E extends Error> {
  /** Is this already the dialect's own error (thrown by its routes or the kit's refusals)? */
  own(err: unknown): err is E;
  /**
   * A domain error in the dialect's terms (codes, field names, statuses). `rateLimited` when it is the 429 of a
   * rate limit counted by the server (its message is the server's).
   */
  fromDomain(err: DomainError, request: FastifyRequest, rateLimited: boolean): E;
  /** What an unexpected failure answers (logged first). */
  internal(): E;
  /** An unknown route. */
  notFound(request: FastifyRequest): E;
  send(reply: FastifyReply, request: FastifyRequest, err: E): FastifyReply;
}

/** The refusals of the kit's own checks, in the dialect's words. */
export interface Refusals {
  /** No credential sent. */
  missingCredential(): Error;
  /** A credential no key matches. */
  badCredential(): Error;
  /** The address is past its failed-authentication limit (`seconds` until it may retry). */
  authLimited(seconds: number): Error;
  /** The key's scope does not cover the route; `message` is the kit's shared wording. */
  forbidden(message: string): Error;
  /** A text the database cannot keep (NUL, lone surrogate). */
  badText(bad: BadText): Error;
  /** The rate limit's 429 (default: the server's, a `rate_limited` domain error turned by `fromDomain`). */
  rateLimited?: () => Error;
}

/** What the kit gives a dialect's route layer (its `makeRoute`). */
export interface DialectKit {
  services: Services;
  options: SurfaceOptions;
  /** Runs an authentication (a login) whose failure counts against the caller's address. */
  guardAuth: GuardedAuthentication;
  /** The use-case context of an authenticated request, with the account's configuration version. */
  ctx(request: FastifyRequest): Ctx;
  db: Db;
  /** A transaction of its own. */
  tx<T>(fn: (tx: DbTx) => Promise<T>): Promise<T>;
  /** A transaction group-committed with the account's other document writes. */
  docTx<T>(accountId: number, fn: (tx: DbTx) => Promise<T>): Promise<T>;
  /** Registers a route with the kit's defaults (no HEAD twin, hidden from the native OpenAPI document). */
  route(
    app: FastifyInstance,
    method: string,
    url: string,
    config: object,
    handler: (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>,
  ): void;
}

/** One vendor API, described once: the kit supplies authentication, limits, checks, bodies and errors. */
export interface DialectDefinition<E extends Error> {
  /** `billpt`, `invoicexpress`: also its key under `config.dialects`. */
  name: string;
  /** Where the main server mounts it (its own port serves it at the root). */
  prefix: string;
  /** For log lines: `bill.pt request failed`. */
  label: string;
  /** Reads the request's credential, once the body is parsed (undefined: none sent). */
  credential(request: FastifyRequest): string | undefined;
  /** Routes answered without a credential (per their route config); every other route needs one. */
  isPublic?(config: object): boolean;
  /** The scope a route needs. */
  scopeFor(method: string, url: string): ApiKeyScope;
  /** The key requests are counted under: per key, per account, or per address before authentication. */
  rateLimitKey(request: FastifyRequest): string;
  refusals: Refusals;
  errors: ErrorEnvelope<E>;
  body: BodyParsing;
  /** Runs before validation, once the body is parsed: reads what the dialect needs into the request. */
  prepare?(request: FastifyRequest): Promise<void>;
  /** The values checked for text a database cannot keep (query, body, …). */
  texts(request: FastifyRequest): unknown[];
  /** The operations: each wire → app use case → wire. */
  routes(app: FastifyInstance, kit: DialectKit): void | Promise<void>;
  /** A transport besides REST (the kit's `soap(…)`), registered after the routes with the same kit. */
  transport?: DialectTransport;
  /**
   * `ignore`: every route also answers with one trailing slash (`recibos/`, `contatos/?pagina=2`), as the vendor's
   * own service does; its scope and configuration are the route's. Default `strict` (the native API's routing).
   */
  trailingSlash?: 'strict' | 'ignore';
}

/** A transport of the kit (SOAP): registers its endpoints on the dialect's encapsulated instance. */
export interface DialectTransport {
  kind: string;
  register(app: FastifyInstance, kit: DialectKit): Promise<void>;
}

function errorReply<E extends Error>(
  d: DialectDefinition<E>,
  error: unknown,
  request: FastifyRequest,
  reply: FastifyReply,
) {
  let out: E | undefined;
  if (d.errors.own(error)) out = error;
  else {
    const domain = toDomainError(error);
    if (domain) out = d.errors.fromDomain(domain, request, (error as { statusCode?: number }).statusCode === 429);
  }
  if (!out) {
    request.log.error({ err: error }, `${d.label} request failed`);
    out = d.errors.internal();
  }
  return d.errors.send(reply, request, out);
}

/**
 * A vendor API as a surface the server mounts: auth → principal → request context, failed-auth limit, rate limit,
 * scope check, text check, body parsers, error envelope and not-found, in that order, for every dialect.
 */
export function defineDialect<E extends Error>(d: DialectDefinition<E>): ApiSurface {
  return {
    name: d.name,
    prefix: d.prefix,
    async register(app: FastifyInstance, services: Services, options: SurfaceOptions): Promise<void> {
      const db = services.database.db;
      registerBodyParsers(app, d.body);
      app.setErrorHandler((error, request, reply) => errorReply(d, error, request, reply));
      app.setNotFoundHandler((request, reply) => d.errors.send(reply, request, d.errors.notFound(request)));
      if (d.prepare) app.addHook('preValidation', d.prepare);

      const guardAuth = authFailureLimit(app, {
        max: services.config.authFailuresPerMinute,
        limited: d.refusals.authLimited,
        isFailure: (err) => d.errors.own(err) && (err as { status?: number }).status === 401,
      });
      // The twin of a route with a trailing slash is checked as the route itself.
      const routeUrl = (url: string) => (d.trailingSlash === 'ignore' && url.length > 1 ? url.replace(/\/$/, '') : url);
      const rateLimited = d.refusals.rateLimited;
      const limit = app.rateLimit({
        max: options.rateLimitPerMinute,
        timeWindow: 60_000,
        keyGenerator: d.rateLimitKey,
        ...(rateLimited ? { errorResponseBuilder: () => rateLimited() } : {}),
      });
      const authenticate = async (request: FastifyRequest): Promise<Principal> => {
        const credential = d.credential(request);
        if (!credential) throw d.refusals.missingCredential();
        try {
          return await authenticateApiKey(db, credential);
        } catch (err) {
          if (err instanceof DomainError && err.code === 'unauthenticated') throw d.refusals.badCredential();
          throw err;
        }
      };
      // Authentication (failures counted per address), then the rate limit (per key once it is known), the
      // key's scope, and text no database keeps.
      app.addHook('preHandler', async (request, reply) => {
        if (request.is404) return;
        const config = (request.routeOptions.config ?? {}) as object;
        if (!d.isPublic?.(config)) request.principal = await guardAuth(request, reply, () => authenticate(request));
        await limit.call(app, request, reply);
        if (request.principal) {
          const need = d.scopeFor(request.method, routeUrl(request.routeOptions.url ?? ''));
          if (!scopeAllows(request.principal.scope, need))
            throw d.refusals.forbidden(scopeRefusal(request.principal.scope, need));
        }
        for (const value of d.texts(request)) {
          const bad = findBadText(value);
          if (bad) throw d.refusals.badText(bad);
        }
      });

      const kit: DialectKit = {
        services,
        options,
        guardAuth,
        db,
        ctx: (request) => {
          const p = request.principal;
          return {
            accountId: p?.accountId ?? 0,
            userId: p?.userId ?? null,
            now: new Date(),
            configVersion: p?.configVersion,
            issued: issuedHook(request),
          };
        },
        tx: (fn) => db.transaction().execute(fn),
        docTx: (accountId, fn) => services.batcher.run(`account:${accountId}`, fn),
        route: (api, method, url, config, handler) => {
          const urls = d.trailingSlash === 'ignore' && !url.endsWith('/') ? [url, `${url}/`] : [url];
          for (const u of urls)
            api.route({
              method: method as 'GET',
              url: u,
              config: config as FastifyContextConfig,
              exposeHeadRoute: false,
              schema: { hide: true },
              handler,
            });
        },
      };
      await d.routes(app, kit);
      if (d.transport) await d.transport.register(app, kit);
    },
  };
}

/** The surface as a Fastify plugin, for `app.register(surfacePlugin(…), { prefix })` (the encapsulation it needs). */
export function surfacePlugin(surface: ApiSurface, services: Services, options: SurfaceOptions) {
  return async (app: FastifyInstance) => surface.register(app, services, options);
}
