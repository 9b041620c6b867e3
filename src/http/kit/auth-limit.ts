import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { normalizeIP } from '@fastify/rate-limit';
import { DomainError } from '../../domain/errors.js';

/** Failed authentications per minute per client address, in each API, unless AUTH_FAILURES_PER_MINUTE says otherwise. */
export const DEFAULT_AUTH_FAILURES_PER_MINUTE = 30;

export interface AuthFailureLimitOptions {
  /** Failures per minute per address (IPv6: per /64); 0 turns the limit off. */
  max?: number;
  /** The API's 429 (its envelope), thrown once the address is past the limit. */
  limited: (retryAfterSeconds: number) => Error;
  /** Whether an error of `authenticate` is a failed authentication (default: the domain's `unauthenticated`). */
  isFailure?: (err: unknown) => boolean;
}

export type GuardedAuthentication = <T>(
  request: FastifyRequest,
  reply: FastifyReply,
  authenticate: () => Promise<T>,
) => Promise<T>;

const isUnauthenticated = (err: unknown) => err instanceof DomainError && err.code === 'unauthenticated';

/**
 * Counts failed authentications per client address with @fastify/rate-limit's store (so guessing keys or
 * passwords costs a 429 after `max` tries a minute). An address past the limit is refused before its credential is
 * even looked at, so a right guess then is no different from a wrong one. The app's `@fastify/rate-limit` must be
 * registered on `app` (or a parent).
 */
export function authFailureLimit(app: FastifyInstance, opts: AuthFailureLimitOptions): GuardedAuthentication {
  const max = opts.max ?? DEFAULT_AUTH_FAILURES_PER_MINUTE;
  const isFailure = opts.isFailure ?? isUnauthenticated;
  const counter = app.createRateLimit({
    max,
    timeWindow: 60_000,
    keyGenerator: (request) => `auth-fail:${normalizeIP(request.ip)}`,
  });
  return async (request, reply, authenticate) => {
    if (max > 0) {
      const seen = await counter(request, { increment: false });
      if (!seen.isAllowed && seen.remaining === 0) {
        reply.header('retry-after', Math.max(1, seen.ttlInSeconds));
        throw opts.limited(Math.max(1, seen.ttlInSeconds));
      }
    }
    try {
      return await authenticate();
    } catch (err) {
      if (max > 0 && isFailure(err)) await counter(request);
      throw err;
    }
  };
}
