import { timingSafeEqual } from 'node:crypto';
import { notFound } from '../../domain/errors.js';
import type { SecretBox } from '../at/ports.js';
import type { Tx } from '../context.js';
import { createApiKey } from '../accounts/create-api-key.js';
import { hashApiKey } from '../accounts/credentials.js';

/** What a partner's access token is called among the account's keys (and its Description when listed). */
export const PARTNER_TOKEN_NAME = 'partner token';

export interface PartnerToken {
  token: string;
  description: string;
}

const context = (accountId: number, userId: number, keyId: number) => `partner-token:${accountId}:${userId}:${keyId}`;

const usable = (secrets: SecretBox | undefined) => (secrets && !secrets.unavailableReason() ? secrets : undefined);

/** Keeps a sealed copy of a partner's key, so that `partnerTokens` can return the same token again. */
export async function keepPartnerToken(
  tx: Tx,
  secrets: SecretBox | undefined,
  key: { accountId: number; userId: number; keyId: number; key: string },
): Promise<boolean> {
  const box = usable(secrets);
  if (!box) return false;
  await tx
    .updateTable('api_keys')
    .set({
      name: PARTNER_TOKEN_NAME,
      partner_token_sealed: box.seal(key.key, context(key.accountId, key.userId, key.keyId)),
    })
    .where('id', '=', key.keyId)
    .where('account_id', '=', key.accountId)
    .execute();
  return true;
}

/**
 * The partner's access tokens: every active key whose copy was sealed for this purpose (opened and checked against
 * its hash), or, when there is none, a new admin key of the partner's first user, sealed for the next call. Keys
 * stay stored hashed; a revoked token is never returned, so the next call makes a new one. Without a secret key
 * (`secrets` unavailable) nothing can be kept and every call makes a new key.
 */
export async function partnerTokens(
  tx: Tx,
  partnerAccountId: number,
  secrets: SecretBox | undefined,
): Promise<PartnerToken[]> {
  // Two calls for one partner at once wait for each other: the second finds the key the first created.
  const user = await tx
    .selectFrom('users')
    .select('id')
    .where('account_id', '=', partnerAccountId)
    .orderBy('id')
    .limit(1)
    .forUpdate()
    .executeTakeFirst();
  if (!user) throw notFound('partner user');
  const box = usable(secrets);
  const tokens: PartnerToken[] = [];
  if (box) {
    const kept = await tx
      .selectFrom('api_keys')
      .select(['id', 'user_id', 'name', 'key_hash', 'partner_token_sealed'])
      .where('account_id', '=', partnerAccountId)
      .where('partner_token_sealed', 'is not', null)
      .where('revoked_at', 'is', null)
      .orderBy('id')
      .execute();
    for (const k of kept) {
      let key: string;
      try {
        key = box.open(k.partner_token_sealed!, context(partnerAccountId, k.user_id, k.id));
      } catch {
        continue; // sealed under a former secret key: not returned (a new token is made below if none is left)
      }
      const a = Buffer.from(hashApiKey(key));
      const b = Buffer.from(k.key_hash);
      if (a.length === b.length && timingSafeEqual(a, b)) tokens.push({ token: key, description: k.name });
    }
  }
  if (tokens.length > 0) return tokens;
  const created = await createApiKey(tx, partnerAccountId, {
    userId: user.id,
    name: PARTNER_TOKEN_NAME,
    scope: 'admin',
  });
  await keepPartnerToken(tx, box, {
    accountId: partnerAccountId,
    userId: user.id,
    keyId: created.id,
    key: created.key,
  });
  return [{ token: created.key, description: PARTNER_TOKEN_NAME }];
}
