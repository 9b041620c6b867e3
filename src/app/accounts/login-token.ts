import { timingSafeEqual } from 'node:crypto';
import type { ApiKeyScope } from '../../domain/api-key-scope.js';
import type { SecretBox } from '../at/ports.js';
import type { Tx } from '../context.js';
import { createApiKey } from './create-api-key.js';
import { hashApiKey } from './credentials.js';

const context = (accountId: number, userId: number, keyId: number) => `login-token:${accountId}:${userId}:${keyId}`;

/**
 * The user's one login token: the active key an earlier password login created (opened from its sealed copy), or a
 * new one whose copy is sealed for the next login. Keys stay stored hashed; the sealed copy (AES-256-GCM, bound to
 * the account, user and key) is what lets the same token be returned again. A revoked login key is never returned,
 * so the next login creates a new one. Without a secret key (`secrets` unavailable) nothing can be kept: every login
 * creates a key, as explicit key creation does.
 */
export async function loginToken(
  tx: Tx,
  user: { id: number; accountId: number; scope: ApiKeyScope },
  secrets: SecretBox | undefined,
  keyName: string,
): Promise<string> {
  const box = secrets && !secrets.unavailableReason() ? secrets : undefined;
  if (!box) return (await createApiKey(tx, user.accountId, { userId: user.id, name: keyName, scope: user.scope })).key;
  // Two logins of one user at once wait for each other: the second finds the key the first created.
  await tx.selectFrom('users').select('id').where('id', '=', user.id).forUpdate().execute();
  const kept = await tx
    .selectFrom('api_keys')
    .select(['id', 'key_hash', 'scope', 'login_token_sealed'])
    .where('account_id', '=', user.accountId)
    .where('user_id', '=', user.id)
    .where('login_token_sealed', 'is not', null)
    .where('revoked_at', 'is', null)
    .orderBy('id', 'desc')
    .execute();
  for (const k of kept) {
    // A key of another scope (the user's role changed) is not the login's any more.
    if (k.scope !== user.scope) continue;
    let key: string;
    try {
      key = box.open(k.login_token_sealed!, context(user.accountId, user.id, k.id));
    } catch {
      continue; // sealed under a former secret key: a new token is made below
    }
    const a = Buffer.from(hashApiKey(key));
    const b = Buffer.from(k.key_hash);
    if (a.length === b.length && timingSafeEqual(a, b)) return key;
  }
  const created = await createApiKey(tx, user.accountId, { userId: user.id, name: keyName, scope: user.scope });
  await tx
    .updateTable('api_keys')
    .set({ login_token_sealed: box.seal(created.key, context(user.accountId, user.id, created.id)) })
    .where('id', '=', created.id)
    .execute();
  return created.key;
}
