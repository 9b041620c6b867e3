import type { SecretBox } from '../at/ports.js';
import type { Tx } from '../context.js';
import { sealContext, tokenHash } from './issue-bearer-token.js';

/** What an access token stands for: its API key, or why it no longer does (Billit's codes name each case). */
export type TokenResolution = { state: 'valid'; apiKey: string } | { state: 'unknown' | 'expired' | 'revoked' };

/** The API key behind an access token, opened from its sealed copy. */
export async function resolveBearerToken(
  tx: Tx,
  accessToken: string,
  secrets: SecretBox,
  now: Date,
): Promise<TokenResolution> {
  const row = await tx
    .selectFrom('billit_tokens')
    .select(['account_id', 'key_sealed', 'revoked_at'])
    .select((eb) => eb('expires_at', '<=', now.toISOString()).as('expired'))
    .where('access_hash', '=', tokenHash(accessToken))
    .executeTakeFirst();
  if (!row) return { state: 'unknown' };
  if (row.revoked_at) return { state: 'revoked' };
  if (row.expired) return { state: 'expired' };
  try {
    return { state: 'valid', apiKey: secrets.open(row.key_sealed, sealContext(row.account_id)) };
  } catch {
    return { state: 'unknown' }; // sealed under a former secret key: the client asks for a new token
  }
}
