import { DomainError } from '../../domain/errors.js';
import type { Tx } from '../context.js';
import { type BearerToken, storeBearerToken, tokenHash } from './issue-bearer-token.js';

/**
 * Trades a refresh token for a new pair (Billit: a refresh token does not expire and is used once). The old pair is
 * revoked in the same transaction; a second use of the same refresh token finds it revoked and is refused.
 */
export async function refreshBearerToken(tx: Tx, refreshToken: string, now: Date): Promise<BearerToken> {
  const row = await tx
    .updateTable('billit_tokens')
    .set({ revoked_at: now.toISOString() })
    .where('refresh_hash', '=', tokenHash(refreshToken))
    .where('revoked_at', 'is', null)
    .returning(['account_id', 'api_key_id', 'key_sealed'])
    .executeTakeFirst();
  if (!row) throw new DomainError('unauthenticated', 'The refresh token is unknown, used or revoked.');
  return storeBearerToken(tx, row.account_id, row.api_key_id, row.key_sealed, now);
}
