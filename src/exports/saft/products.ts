import type { Tx } from '../../app/context.js';
import type { SaftScope } from '../../app/saft/saft-scope.js';
import type { SaftProduct } from '../../app/saft/get-saft-products.js';
import { listSaftProductCodes } from '../../app/saft/list-saft-product-codes.js';
import type { SaftProductCache } from './product-cache.js';
import type { SaftWriter } from './writer.js';
import { type XmlRecord, element, key, text } from './xml.js';

const PRODUCT_TYPES = new Set(['P', 'S', 'O', 'E', 'I']);

/** NOTE: XSD SAFPTProductDescription — 2 to 200 characters; a one-letter description is completed with its code. */
export function productDescription(p: SaftProduct): string {
  const d = text(p.description, 200) ?? '';
  if (d.length > 2 || [...d].length >= 2) return d;
  return (text(`${d} ${p.code}`, 200) ?? '').padEnd(2, '.');
}

/** A Product master record: ProductType, ProductCode, ProductDescription, ProductNumberCode (P302 2.4). */
export function productRecord(p: SaftProduct): XmlRecord {
  return {
    ProductType: PRODUCT_TYPES.has(p.productType) ? p.productType : 'P',
    ProductCode: key(p.code),
    ProductDescription: productDescription(p),
    ProductNumberCode: text(p.numberCode, 60) ?? key(p.code),
  };
}

/**
 * Streams the Product records of every line code in scope, a page of codes at a time (one cursor over the
 * period's distinct codes), reading them through the export's product cache (which the document batches then
 * read from).
 */
export async function writeProducts(
  w: SaftWriter,
  products: SaftProductCache,
  tx: Tx,
  accountId: number,
  scope: SaftScope,
  pageSize: number,
): Promise<number> {
  let n = 0;
  for await (const codes of listSaftProductCodes(tx, accountId, scope, pageSize)) {
    const found = await products.of(codes);
    await w.records(codes, (code) =>
      element(
        'Product',
        productRecord(found.get(code) ?? { code, description: code, productType: 'P', numberCode: code }),
      ),
    );
    n += codes.length;
  }
  return n;
}
