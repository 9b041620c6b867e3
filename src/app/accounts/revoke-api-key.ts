import { sql } from 'kysely';
import { DomainError, notFound } from '../../domain/errors.js';
import type { Tx } from '../context.js';

/**
 * Revokes a key of the account. The account's last active admin key cannot be revoked (nobody could manage keys
 * any more): the key and the account's other active admin keys are locked first, so two revocations at once
 * cannot each leave the other as the last one.
 */
export async function revokeApiKey(tx: Tx, accountId: number, keyId: number): Promise<void> {
  const keys = await tx
    .selectFrom('api_keys')
    .select(['id', 'scope', 'revoked_at'])
    .where('account_id', '=', accountId)
    .where((eb) => eb.or([eb('id', '=', keyId), eb.and([eb('scope', '=', 'admin'), eb('revoked_at', 'is', null)])]))
    .orderBy('id')
    .forUpdate()
    .execute();
  const key = keys.find((k) => k.id === keyId);
  if (!key) throw notFound('API key', keyId);
  if (
    key.scope === 'admin' &&
    !key.revoked_at &&
    !keys.some((k) => k.id !== keyId && k.scope === 'admin' && !k.revoked_at)
  ) {
    throw new DomainError(
      'conflict',
      'This is the account’s last admin key: create another admin key before revoking it.',
      [],
      { reason: 'last_admin_key' },
    );
  }
  await tx
    .updateTable('api_keys')
    .set({ revoked_at: sql`coalesce(revoked_at, now())` })
    .where('account_id', '=', accountId)
    .where('id', '=', keyId)
    .execute();
}
