import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The secret in the status-callback URL a service provider calls (`/v1/peppol/status/{token}`): the account id,
 * a dot, 32 random bytes. Only its SHA-256 is stored; the account id finds the row to compare with.
 */
export function newStatusToken(accountId: number): { token: string; hash: string } {
  const token = `${accountId}.${randomBytes(32).toString('base64url')}`;
  return { token, hash: hashStatusToken(token) };
}

export function hashStatusToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** The account a token names, or null for a malformed one. */
export function statusTokenAccount(token: string): number | null {
  const m = /^([1-9][0-9]{0,15})\.[A-Za-z0-9_-]{43}$/.exec(token);
  const id = m ? Number(m[1]) : NaN;
  return Number.isSafeInteger(id) ? id : null;
}

/** Constant-time comparison of a presented token with the stored hash. */
export function statusTokenMatches(token: string, storedHash: string | null): boolean {
  if (!storedHash) return false;
  const a = Buffer.from(hashStatusToken(token), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

export function statusCallbackUrl(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/v1/peppol/status/${token}`;
}
