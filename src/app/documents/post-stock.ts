import { sql } from 'kysely';
import { DomainError } from '../../domain/errors.js';
import { dec } from '../../domain/money/decimal.js';
import { DOC_TYPE_INFO, type DocType } from '../../domain/documents/types.js';
import type { Tx } from '../context.js';

/**
 * Posts the stock movements of a finalized document: goods lines of stock items, by the type's direction.
 * Lines carried from a transport guide moved stock already and are skipped. `reverse` posts the opposite
 * movements when a document is cancelled (history is appended, never rewritten).
 */
export async function postStock(
  tx: Tx,
  accountId: number,
  doc: { id: number; doc_type: string; store_id: number | null; doc_date: string },
  movedOn: string,
  reverse = false,
): Promise<void> {
  const sign = DOC_TYPE_INFO[doc.doc_type as DocType].stockSign;
  if (sign === 0 || doc.store_id === null) return;
  const lines = await tx
    .selectFrom('document_lines as l')
    .innerJoin('items as i', (j) => j.onRef('i.account_id', '=', 'l.account_id').onRef('i.id', '=', 'l.item_id'))
    .leftJoin('documents as o', (j) =>
      j.onRef('o.account_id', '=', 'l.account_id').onRef('o.id', '=', 'l.origin_document_id'),
    )
    .select(['l.id', 'l.item_id', 'l.quantity', 'o.doc_type as origin_type'])
    .where('l.account_id', '=', accountId)
    .where('l.document_id', '=', doc.id)
    .where('i.moves_stock', '=', true)
    .where('l.product_type', '=', 'P')
    .execute();
  const moving = lines.filter(
    (l) =>
      !l.origin_type ||
      DOC_TYPE_INFO[l.origin_type as DocType].stockSign === 0 ||
      DOC_TYPE_INFO[doc.doc_type as DocType].rectifies,
  );
  if (!moving.length) return;
  const direction = reverse ? -sign : sign;
  if (direction < 0)
    await checkAvailable(
      tx,
      accountId,
      doc.store_id,
      moving.map((l) => ({ itemId: l.item_id!, quantity: l.quantity })),
    );
  await tx
    .insertInto('stock_movements')
    .values(
      moving.map((l) => ({
        account_id: accountId,
        store_id: doc.store_id!,
        item_id: l.item_id!,
        document_id: doc.id,
        line_id: l.id,
        quantity: dec(l.quantity).times(direction).toString(),
        moved_on: movedOn,
      })),
    )
    .execute();
}

async function checkAvailable(
  tx: Tx,
  accountId: number,
  storeId: number,
  wanted: { itemId: number; quantity: string }[],
): Promise<void> {
  const store = await tx
    .selectFrom('stores')
    .select('allow_negative_stock')
    .where('account_id', '=', accountId)
    .where('id', '=', storeId)
    .executeTakeFirst();
  if (!store || store.allow_negative_stock) return;
  const ids = [...new Set(wanted.map((w) => w.itemId))].sort((a, b) => a - b);
  // Lock the items so that two documents cannot both take the last units.
  await tx
    .selectFrom('items')
    .select('id')
    .where('account_id', '=', accountId)
    .where('id', 'in', ids)
    .forUpdate()
    .execute();
  const stock = await tx
    .selectFrom('stock_movements')
    .select(['item_id', sql<string>`sum(quantity)`.as('qty')])
    .where('account_id', '=', accountId)
    .where('store_id', '=', storeId)
    .where('item_id', 'in', ids)
    .groupBy('item_id')
    .execute();
  for (const id of ids) {
    const need = wanted.filter((w) => w.itemId === id).reduce((s, w) => s.plus(w.quantity), dec(0));
    const have = dec(stock.find((s) => s.item_id === id)?.qty ?? 0);
    if (need.gt(have))
      throw new DomainError('insufficient_stock', `Item ${id} has ${have} in stock; ${need} needed.`, [], {
        itemId: id,
        available: have.toString(),
      });
  }
}
