import type { Tx } from '../context.js';

export interface SaftProduct {
  code: string;
  description: string;
  productType: string;
  numberCode: string;
}

/**
 * The product master record of each line code. A line's ProductDescription must equal its Product's
 * (P302 4.1.4.19.4), so both come from here: the item with that code, else the first issued line with it.
 * Deterministic for a given database state, so the master file and every line agree.
 */
export async function getSaftProducts(
  tx: Tx,
  accountId: number,
  codes: readonly string[],
): Promise<Map<string, SaftProduct>> {
  const out = new Map<string, SaftProduct>();
  if (!codes.length) return out;
  const wanted = [...new Set(codes)];
  const items = await tx
    .selectFrom('items')
    .select(['code', 'description', 'product_type', 'barcode'])
    .where('account_id', '=', accountId)
    .where('code', 'in', wanted)
    .execute();
  for (const i of items)
    out.set(i.code, {
      code: i.code,
      description: i.description,
      productType: i.product_type,
      numberCode: i.barcode || i.code,
    });
  const rest = wanted.filter((c) => !out.has(c));
  if (!rest.length) return out;
  const first = await tx
    .selectFrom('document_lines as l')
    .innerJoin('documents as d', (j) =>
      j.onRef('d.account_id', '=', 'l.account_id').onRef('d.id', '=', 'l.document_id'),
    )
    .where('l.account_id', '=', accountId)
    .where('l.code', 'in', rest)
    .where('d.status', '<>', 'draft')
    .distinctOn('l.code')
    .select(['l.code', 'l.description', 'l.product_type'])
    .orderBy('l.code')
    .orderBy('l.id')
    .execute();
  for (const l of first)
    out.set(l.code, { code: l.code, description: l.description, productType: l.product_type, numberCode: l.code });
  return out;
}
