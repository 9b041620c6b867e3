import { type ApiKeyScope, API_KEY_SCOPES, isApiKeyScope } from '../../domain/api-key-scope.js';
import { notFound, validationError } from '../../domain/errors.js';
import type { Tx } from '../context.js';
import { apiKeyPrefix, generateApiKey, hashApiKey } from './credentials.js';

export interface NewApiKeyInput {
  userId?: number;
  name?: string;
  key?: string;
  /** What the key may do; `issue` when not said (an admin key is asked for by name). */
  scope?: ApiKeyScope | string;
}

/** Issues a new key for a user of the account. The key is returned once and only its hash is stored. */
export async function createApiKey(tx: Tx, accountId: number, input: NewApiKeyInput) {
  const scope = input.scope ?? 'issue';
  if (!isApiKeyScope(scope))
    throw validationError([{ field: 'scope', issue: 'invalid', message: `One of ${API_KEY_SCOPES.join(', ')}.` }]);
  const user = await tx
    .selectFrom('users')
    .innerJoin('accounts', 'accounts.id', 'users.account_id')
    .select(['users.id', 'accounts.sandbox'])
    .where('users.account_id', '=', accountId)
    .$if(input.userId !== undefined, (q) => q.where('users.id', '=', input.userId!))
    .orderBy('users.id')
    .executeTakeFirst();
  if (!user) throw notFound('user', input.userId);
  const key = input.key ?? generateApiKey(user.sandbox);
  const row = await tx
    .insertInto('api_keys')
    .values({
      account_id: accountId,
      user_id: user.id,
      name: input.name ?? '',
      prefix: apiKeyPrefix(key),
      key_hash: hashApiKey(key),
      scope,
    })
    .returning(['id', 'prefix', 'name', 'scope', 'created_at'])
    .executeTakeFirstOrThrow();
  return { ...row, key };
}
