import type { Tx } from '../../app/context.js';
import { updateSeries } from '../../app/series/update-series.js';
import { listStores } from '../../app/stores/list-stores.js';
import { updateStore } from '../../app/stores/update-store.js';

/**
 * The series documents go to when no `sequence_id` is sent: the default store's series, else the account's default
 * series (how the core resolves it). InvoiceXpress has one default sequence and no stores.
 */
export async function defaultSequenceId(
  tx: Tx,
  accountId: number,
  defaultSeriesId: number | undefined,
): Promise<number | undefined> {
  const store = (await listStores(tx, accountId)).find((s) => s.is_default);
  return store?.default_series_id ?? defaultSeriesId;
}

/** Makes a series the default sequence: the account's default series and, when it names one, the default store's. */
export async function setDefaultSequence(tx: Tx, accountId: number, id: number): Promise<void> {
  await updateSeries(tx, accountId, id, { isDefault: true });
  const store = (await listStores(tx, accountId)).find((s) => s.is_default);
  if (store?.default_series_id != null && store.default_series_id !== id)
    await updateStore(tx, accountId, store.id, { defaultSeriesId: id });
}
