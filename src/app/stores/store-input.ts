import { DomainError, IssueCollector } from '../../domain/errors.js';
import type { Tx } from '../context.js';

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

export async function storeValues(tx: Tx, accountId: number, input: StoreInput, partial: boolean) {
  const c = new IssueCollector();
  const out: Record<string, unknown> = {};
  if (input.name !== undefined || !partial) {
    const n = input.name?.trim();
    if (!n) c.add('name', 'required', 'The name is required.');
    else out.name = n;
  }
  for (const [k, col] of [
    ['street', 'street'],
    ['postalCode', 'postal_code'],
    ['city', 'city'],
  ] as const)
    if (input[k] !== undefined) out[col] = input[k]?.trim() || null;
  if (input.country !== undefined) {
    if (!/^[A-Z]{2}$/.test(input.country.toUpperCase())) c.add('country', 'invalid', 'ISO 3166-1 alpha-2.');
    else out.country = input.country.toUpperCase();
  }
  if (input.allowNegativeStock !== undefined) out.allow_negative_stock = !!input.allowNegativeStock;
  if (input.isDefault !== undefined) out.is_default = !!input.isDefault;
  c.throwIfAny();
  if (input.defaultSeriesId !== undefined) {
    if (input.defaultSeriesId !== null) {
      const s = await tx
        .selectFrom('series')
        .select('id')
        .where('account_id', '=', accountId)
        .where('id', '=', Number(input.defaultSeriesId))
        .executeTakeFirst();
      if (!s)
        throw new DomainError(
          'not_found',
          `Series ${input.defaultSeriesId} does not exist.`,
          [{ field: 'defaultSeriesId', issue: 'unknown', message: 'Not found in this account.' }],
          { resource: 'series' },
        );
    }
    out.default_series_id = input.defaultSeriesId;
  }
  return out;
}
