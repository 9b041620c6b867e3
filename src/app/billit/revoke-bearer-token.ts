import type { Tx } from '../context.js';
import { tokenHash } from './issue-bearer-token.js';

/** Revokes the pair an access or refresh token belongs to; an unknown token is not an error (RFC 7009 §2.2). */
export async function revokeBearerToken(tx: Tx, token: string, now: Date): Promise<void> {
  const hash = tokenHash(token);
  await tx
    .updateTable('billit_tokens')
    .set({ revoked_at: now.toISOString() })
    .where((eb) => eb.or([eb('access_hash', '=', hash), eb('refresh_hash', '=', hash)]))
    .where('revoked_at', 'is', null)
    .execute();
}
