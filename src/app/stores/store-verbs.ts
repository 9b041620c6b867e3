import { DomainError, IssueCollector, notFound } from '../../domain/errors.js';
import type { Tx } from '../context.js';
import { clearOtherDefaults } from '../reference/clear-other-defaults.js';

export interface StoreInput {
  name?: string;
  street?: string | null;
  postalCode?: string | null;
  city?: string | null;
  country?: string;
  defaultSeriesId?: number | null;
  allowNegativeStock?: boolean;
  isDefault?: boolean;
}

async function storeValues(tx: Tx, accountId: number, input: StoreInput, partial: boolean) {
  const c = new IssueCollector();
  const out: Record<string, unknown> = {};
  if (input.name !== undefined || !partial) {
    const n = input.name?.trim();
    if (!n) c.add('name', 'required', 'The name is required.'); else out.name = n;
  }
  for (const [k, col] of [['street', 'street'], ['postalCode', 'postal_code'], ['city', 'city']] as const) if (input[k] !== undefined) out[col] = input[k]?.trim() || null;
  if (input.country !== undefined) {
    if (!/^[A-Z]{2}$/.test(input.country.toUpperCase())) c.add('country', 'invalid', 'ISO 3166-1 alpha-2.'); else out.country = input.country.toUpperCase();
  }
  if (input.allowNegativeStock !== undefined) out.allow_negative_stock = !!input.allowNegativeStock;
  if (input.isDefault !== undefined) out.is_default = !!input.isDefault;
  c.throwIfAny();
  if (input.defaultSeriesId !== undefined) {
    if (input.defaultSeriesId !== null) {
      const s = await tx.selectFrom('series').select('id').where('account_id', '=', accountId).where('id', '=', Number(input.defaultSeriesId)).executeTakeFirst();
      if (!s) throw new DomainError('not_found', `Series ${input.defaultSeriesId} does not exist.`, [{ field: 'defaultSeriesId', issue: 'unknown', message: 'Not found in this account.' }], { resource: 'series' });
    }
    out.default_series_id = input.defaultSeriesId;
  }
  return out;
}

export async function createStore(tx: Tx, accountId: number, input: StoreInput) {
  const values = await storeValues(tx, accountId, input, false);
  if (values.is_default) await clearOtherDefaults(tx, accountId, 'stores');
  return tx.insertInto('stores').values({ ...values, account_id: accountId } as never).returningAll().executeTakeFirstOrThrow();
}

export async function updateStore(tx: Tx, accountId: number, id: number, input: StoreInput) {
  const current = await tx.selectFrom('stores').selectAll().where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
  if (!current) throw notFound('store', id);
  const values = await storeValues(tx, accountId, input, true);
  if (values.is_default && !current.is_default) await clearOtherDefaults(tx, accountId, 'stores');
  if (values.is_default === false && current.is_default) throw new DomainError('validation', 'Set another store as default instead.', [{ field: 'isDefault', issue: 'invalid', message: 'An account always has a default store.' }]);
  if (!Object.keys(values).length) return current;
  return tx.updateTable('stores').set(values as never).where('account_id', '=', accountId).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export async function deleteStore(tx: Tx, accountId: number, id: number): Promise<void> {
  const current = await tx.selectFrom('stores').select(['id', 'is_default']).where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
  if (!current) throw notFound('store', id);
  const used = await tx.selectFrom('documents').select('id').where('account_id', '=', accountId).where('store_id', '=', id).limit(1).executeTakeFirst();
  if (used || current.is_default) throw new DomainError('in_use', 'The store is used (or is the default) and cannot be deleted.');
  await tx.deleteFrom('stores').where('account_id', '=', accountId).where('id', '=', id).execute();
}

export async function listStores(tx: Tx, accountId: number) {
  return tx.selectFrom('stores').selectAll().where('account_id', '=', accountId).orderBy('id').execute();
}
