import { sql } from 'kysely';
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
 * Two statements whatever the account holds: the first line of a code is one walk of the `document_lines_code`
 * index (account, code, id) per code, stopped at the first line of an issued document.
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
  const first = await sql<{ code: string; description: string; product_type: string }>`
    SELECT c.code, f.description, f.product_type
    FROM (VALUES ${sql.join(rest.map((c) => sql`(${c}::text)`))}) AS c (code)
    CROSS JOIN LATERAL (
      SELECT l.description, l.product_type
      FROM document_lines l
      JOIN documents d ON d.account_id = l.account_id AND d.id = l.document_id
      WHERE l.account_id = ${accountId} AND l.code = c.code AND d.status <> 'draft'
      ORDER BY l.id
      LIMIT 1
    ) f`.execute(tx);
  for (const l of first.rows)
    out.set(l.code, { code: l.code, description: l.description, productType: l.product_type, numberCode: l.code });
  return out;
}
