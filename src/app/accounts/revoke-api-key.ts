import { sql } from 'kysely';
import { notFound } from '../../domain/errors.js';
import type { Tx } from '../context.js';

export async function revokeApiKey(tx: Tx, accountId: number, keyId: number): Promise<void> {
  const res = await tx.updateTable('api_keys').set({ revoked_at: sql`coalesce(revoked_at, now())` })
    .where('account_id', '=', accountId).where('id', '=', keyId).executeTakeFirst();
  if (!res.numUpdatedRows) throw notFound('API key', keyId);
}
