import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CookieSerializeOptions } from '@fastify/cookie';

export const SESSION_COOKIE = 'console_session';

/** HTTPS as the client sees it: `request.protocol` reads X-Forwarded-Proto only when TRUST_PROXY=1. */
export function isHttps(request: FastifyRequest): boolean {
  return request.protocol === 'https';
}

/** httpOnly, SameSite=Strict, Path=/console, Secure over HTTPS. */
export function cookieOptions(request: FastifyRequest, extra: CookieSerializeOptions = {}): CookieSerializeOptions {
  return { path: '/console', httpOnly: true, sameSite: 'strict', secure: isHttps(request), ...extra };
}

export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, cookieOptions(request));
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, cookieOptions(request));
}

/** Only a path of the console may follow sign-in or the language switch (no open redirect). */
export function safeNext(next: unknown): string {
  if (typeof next !== 'string' || next.length > 2000) return '/console';
  if (!/^\/console(?:[/?#]|$)/.test(next)) return '/console';
  if (/[\\\u0000-\u001f]/.test(next) || next.includes('//')) return '/console';
  return next;
}
