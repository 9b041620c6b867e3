import { createHash, randomBytes } from 'node:crypto';

/** A console session ends after this long without a request… */
export const SESSION_IDLE_MS = 2 * 60 * 60 * 1000;
/** …and in any case this long after sign-in. */
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000;
/** last_seen_at is written at most this often, so that pages do not each write a row. */
export const SESSION_TOUCH_MS = 60 * 1000;

/** A new session token: 32 random bytes, URL-safe (the cookie's value). */
export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What is stored of a token: its sha256 (a token is random, so no salt or slow hash is needed). */
export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Whether a cookie value can be a token at all (garbage is refused before any query). */
export function isWellFormedSessionToken(token: unknown): token is string {
  return typeof token === 'string' && /^[A-Za-z0-9_-]{43}$/.test(token);
}
