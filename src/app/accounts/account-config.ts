import type { KeyObject } from 'node:crypto';
import type { Kysely } from 'kysely';
import { loadPrivateKey } from '../../domain/pt/signature.js';
import type { Account, DB, Series, Store, Tax } from '../../infra/db/schema.js';
import type { Ctx, Tx } from '../context.js';

/** What issuing a document reads of its account besides the document's own parties and items. */
export interface AccountConfig {
  version: string;
  account: Account;
  stores: Store[];
  series: Series[];
  taxes: Tax[];
  units: { id: number; symbol: string }[];
  signingKey: { version: number; key: KeyObject } | null;
}

// Keyed by version: a version names one state of one account in one database (random, replaced by triggers on
// every change, migration 0009), so an entry can never answer for another account, database or state.
const MAX_ENTRIES = 1000;
const cache = new Map<string, AccountConfig>();

function remember(config: AccountConfig): void {
  cache.delete(config.version);
  cache.set(config.version, config);
  if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!);
}

/**
 * The account's configuration. From the process cache when the request's `configVersion` (read with its API key)
 * is cached; otherwise read (and, outside a transaction, cached under the version it was read with). A request
 * that authenticated before a change committed uses the configuration of before, as if it had run first.
 */
export async function accountConfig(tx: Tx, ctx: Ctx): Promise<AccountConfig> {
  const cached = ctx.configVersion ? cache.get(ctx.configVersion) : undefined;
  if (cached && cached.account.id === ctx.accountId) return cached;
  if (tx.isTransaction) return readConfig(tx, ctx.accountId);
  // One snapshot, so the version names exactly what was read.
  const config = await (tx as Kysely<DB>)
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute((snapshot) => readConfig(snapshot, ctx.accountId));
  remember(config);
  return config;
}

async function readConfig(tx: Tx, accountId: number): Promise<AccountConfig> {
  const account = await tx.selectFrom('accounts').selectAll().where('id', '=', accountId).executeTakeFirstOrThrow();
  const [stores, series, taxes, units, key] = [
    await tx.selectFrom('stores').selectAll().where('account_id', '=', accountId).orderBy('id').execute(),
    await tx.selectFrom('series').selectAll().where('account_id', '=', accountId).orderBy('id').execute(),
    await tx.selectFrom('taxes').selectAll().where('account_id', '=', accountId).orderBy('id').execute(),
    await tx.selectFrom('units').select(['id', 'symbol']).where('account_id', '=', accountId).orderBy('id').execute(),
    await tx
      .selectFrom('signing_keys')
      .select(['version', 'private_pem'])
      .where('account_id', '=', accountId)
      .where('active', '=', true)
      .executeTakeFirst(),
  ];
  return {
    version: account.config_version,
    account,
    stores,
    series,
    taxes,
    units,
    signingKey: key ? { version: key.version, key: loadPrivateKey(key.private_pem) } : null,
  };
}
