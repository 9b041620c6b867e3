import { sql } from 'kysely';
import type { ApiKeyScope } from '../../domain/api-key-scope.js';
import { DomainError } from '../../domain/errors.js';
import type { Tx } from '../context.js';
import { coalescedReads } from '../../infra/db/coalesced-reads.js';
import { precompiled } from '../../infra/db/precompiled.js';
import { hashApiKey, isWellFormedApiKey } from './credentials.js';

export interface Principal {
  accountId: number;
  userId: number;
  apiKeyId: number;
  /** What the key may do (admin ⊇ issue ⊇ read). */
  scope: ApiKeyScope;
  sandbox: boolean;
  /** The account's configuration version at authentication (see `accountConfig`). */
  configVersion: string;
}

// Built and compiled once: it runs on every authenticated request. Concurrent requests' lookups share a statement.
const keysLookup = precompiled((qb, keyHashes: string[]) =>
  qb
    .selectFrom('api_keys')
    .innerJoin('accounts', 'accounts.id', 'api_keys.account_id')
    .select([
      'api_keys.id',
      'api_keys.key_hash',
      'api_keys.account_id',
      'api_keys.user_id',
      'api_keys.revoked_at',
      'api_keys.scope',
      'accounts.sandbox',
      'accounts.config_version',
      sql<boolean>`api_keys.last_used_at is null or api_keys.last_used_at < now() - interval '1 minute'`.as('stale'),
    ])
    .where('api_keys.key_hash', '=', sql<string>`any(${keyHashes})`),
);
const keyLookup = coalescedReads({
  idOf: (keyHash: string) => keyHash,
  rowId: (row: { key_hash: string }) => row.key_hash,
  readMany: async (db, keyHashes) => (await keysLookup(db, keyHashes)).rows,
});

/** Resolves an API key to its account. last_used_at is refreshed at most once a minute to keep reads cheap. */
export async function authenticateApiKey(tx: Tx, key: string | undefined | null): Promise<Principal> {
  if (!key || !isWellFormedApiKey(key)) throw new DomainError('unauthenticated', 'A valid API key is required.');
  const [row] = await keyLookup(tx, hashApiKey(key));
  if (!row || row.revoked_at) throw new DomainError('unauthenticated', 'The API key is unknown or revoked.');
  if (row.stale) {
    await tx
      .updateTable('api_keys')
      .set({ last_used_at: sql`now()` })
      .where('id', '=', row.id)
      .execute();
  }
  return {
    accountId: row.account_id,
    userId: row.user_id,
    apiKeyId: row.id,
    scope: row.scope,
    sandbox: row.sandbox,
    configVersion: row.config_version,
  };
}

/** The accounts whose keys were used last, newest first, each with a user to act as (the start-up warm-up). */
export async function recentlyActiveAccounts(
  tx: Tx,
  limit: number,
): Promise<{ accountId: number; userId: number; configVersion: string }[]> {
  const rows = await tx
    .selectFrom('api_keys')
    .innerJoin('accounts', 'accounts.id', 'api_keys.account_id')
    .select(['api_keys.account_id', 'api_keys.user_id', 'accounts.config_version'])
    .select(sql<string | null>`max(api_keys.last_used_at)`.as('used'))
    .where('api_keys.revoked_at', 'is', null)
    .groupBy(['api_keys.account_id', 'api_keys.user_id', 'accounts.config_version'])
    .orderBy(sql`max(api_keys.last_used_at) desc nulls last`)
    .limit(limit * 4)
    .execute();
  const seen = new Set<number>();
  return rows
    .filter((r) => !seen.has(r.account_id) && seen.add(r.account_id))
    .slice(0, limit)
    .map((r) => ({ accountId: r.account_id, userId: r.user_id, configVersion: r.config_version }));
}
