import { createHash, randomBytes } from 'node:crypto';
import type { SecretBox } from '../at/ports.js';
import { authenticateApiKey } from '../accounts/authenticate-api-key.js';
import type { Tx } from '../context.js';

/** Billit's access tokens live one hour (docs.billit.be "OAuth": `expires_in` is always 3600). */
export const ACCESS_TOKEN_SECONDS = 3600;

/** What `POST /OAuth2/token` answers. */
export interface BearerToken {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

export const tokenHash = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');
/** Access tokens (`bit_…`) and refresh tokens (`brt_…`) never look like an API key (`ftr_…`). */
export const newAccessToken = (): string => `bit_${randomBytes(32).toString('base64url')}`;
export const newRefreshToken = (): string => `brt_${randomBytes(32).toString('base64url')}`;
export const sealContext = (accountId: number): string => `billit-token:${accountId}`;

/**
 * Issues a bearer token for an API key (authenticated here: a bad or revoked key is `unauthenticated`). Only hashes
 * of the tokens are stored, with the key sealed by the secret box, so a bearer request authenticates as its key
 * (its scope and account; revoking the key revokes its tokens). The refresh token never expires and is used once.
 */
export async function issueBearerToken(tx: Tx, apiKey: string, secrets: SecretBox, now: Date): Promise<BearerToken> {
  const principal = await authenticateApiKey(tx, apiKey);
  return storeBearerToken(
    tx,
    principal.accountId,
    principal.apiKeyId,
    secrets.seal(apiKey, sealContext(principal.accountId)),
    now,
  );
}

/** Writes a new token pair for a key already sealed (an issue, or a refresh carrying the old pair's key). */
export async function storeBearerToken(
  tx: Tx,
  accountId: number,
  apiKeyId: number,
  keySealed: string,
  now: Date,
): Promise<BearerToken> {
  const accessToken = newAccessToken();
  const refreshToken = newRefreshToken();
  await tx
    .insertInto('billit_tokens')
    .values({
      account_id: accountId,
      api_key_id: apiKeyId,
      access_hash: tokenHash(accessToken),
      refresh_hash: tokenHash(refreshToken),
      key_sealed: keySealed,
      expires_at: new Date(now.getTime() + ACCESS_TOKEN_SECONDS * 1000).toISOString(),
    })
    .execute();
  return { accessToken, refreshToken, expiresIn: ACCESS_TOKEN_SECONDS };
}
