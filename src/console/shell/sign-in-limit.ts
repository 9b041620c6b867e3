import type { FastifyInstance, FastifyRequest } from 'fastify';
import { normalizeIP } from '@fastify/rate-limit';
import { DomainError } from '../../domain/errors.js';

/** Failed sign-ins a minute from one address (IPv6: its /64)… */
export const SIGN_IN_FAILURES_PER_ADDRESS = 20;
/** …and per e-mail in 15 minutes, whatever the address (a guesser spread over many addresses). */
export const SIGN_IN_FAILURES_PER_EMAIL = 10;

export type SignInGuard = <T>(request: FastifyRequest, email: string, attempt: () => Promise<T>) => Promise<T>;

/**
 * Counts failed sign-ins per address and per e-mail with @fastify/rate-limit's store. Past either limit, the attempt
 * is refused (429, `rate_limited`) before the password is even checked, so a right guess then is no different from
 * a wrong one.
 */
export function signInLimit(app: FastifyInstance): SignInGuard {
  const byAddress = app.createRateLimit({
    max: SIGN_IN_FAILURES_PER_ADDRESS,
    timeWindow: 60_000,
    keyGenerator: (request) => `console-sign-in:${normalizeIP(request.ip)}`,
  });
  const emails = new WeakMap<FastifyRequest, string>();
  const byEmail = app.createRateLimit({
    max: SIGN_IN_FAILURES_PER_EMAIL,
    timeWindow: 15 * 60_000,
    keyGenerator: (request) => `console-sign-in-email:${emails.get(request) ?? ''}`,
  });
  return async (request, email, attempt) => {
    emails.set(request, email.trim().toLowerCase().slice(0, 320));
    const counters = email ? [byAddress, byEmail] : [byAddress];
    for (const counter of counters) {
      const seen = await counter(request, { increment: false });
      if (!seen.isAllowed && seen.remaining === 0) {
        throw new DomainError('rate_limited', 'Too many failed sign-ins; retry later.', [], {
          retryAfterSeconds: Math.max(1, seen.ttlInSeconds),
        });
      }
    }
    try {
      return await attempt();
    } catch (err) {
      if (err instanceof DomainError && err.code === 'unauthenticated') for (const c of counters) await c(request);
      throw err;
    }
  };
}
