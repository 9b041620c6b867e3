import type { DocumentLineRow } from '../../infra/db/schema.js';

/** A stored line's place, item and texts under their API names: how the issued model and the native view begin it. */
export function lineHead(
  l: Pick<DocumentLineRow, 'id' | 'position' | 'item_id' | 'code' | 'description' | 'product_type'>,
) {
  return {
    id: l.id,
    position: l.position,
    itemId: l.item_id,
    code: l.code,
    description: l.description,
    productType: l.product_type,
  };
}
