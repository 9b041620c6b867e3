import { sql } from 'kysely';
import type { Tx } from '../context.js';

export type UsageKind =
  | 'stores'
  | 'series'
  | 'taxes'
  | 'units'
  | 'payment_methods'
  | 'shipping_methods'
  | 'document_states'
  | 'contact_types'
  | 'item_categories'
  | 'items'
  | 'contacts';

/** Where each kind of record is referenced from: [table, column, is an array column]. */
const REFERENCES: Record<UsageKind, [string, string, boolean][]> = {
  stores: [['documents', 'store_id', false]],
  series: [['documents', 'series_id', false]],
  taxes: [
    ['document_lines', 'tax_id', false],
    ['items', 'tax_id', false],
    ['items', 'purchase_tax_id', false],
  ],
  units: [['items', 'unit_id', false]],
  payment_methods: [
    ['documents', 'payment_method_id', false],
    ['contacts', 'default_payment_method_id', false],
  ],
  shipping_methods: [
    ['documents', 'shipping_method_id', false],
    ['contacts', 'default_shipping_method_id', false],
  ],
  document_states: [['documents', 'state_id', false]],
  contact_types: [['contacts', 'type_ids', true]],
  item_categories: [['items', 'category_ids', true]],
  items: [['document_lines', 'item_id', false]],
  contacts: [['documents', 'contact_id', false]],
};

/** Which of the given records are referenced by documents, items or contacts (the "in use" flag of lists). */
export async function usedAmong(tx: Tx, accountId: number, kind: UsageKind, ids: number[]): Promise<Set<number>> {
  const used = new Set<number>();
  const wanted = [...new Set(ids.filter((id) => Number.isSafeInteger(id)))];
  if (!wanted.length) return used;
  const list = sql.join(wanted.map((id) => sql`${id}::bigint`));
  for (const [table, column, isArray] of REFERENCES[kind]) {
    const rows = isArray
      ? await sql<{
          id: number;
        }>`select distinct u.id::bigint as id from ${sql.table(table)} t, unnest(t.${sql.ref(column)}) as u(id)
          where t.account_id = ${accountId} and u.id in (${list})`.execute(tx)
      : await sql<{ id: number }>`select distinct ${sql.ref(column)} as id from ${sql.table(table)}
          where account_id = ${accountId} and ${sql.ref(column)} in (${list})`.execute(tx);
    for (const r of rows.rows) used.add(Number(r.id));
  }
  return used;
}
