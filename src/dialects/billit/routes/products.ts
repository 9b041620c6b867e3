import { createItem } from '../../../app/items/create-item.js';
import { getItem } from '../../../app/items/get-item.js';
import { resolveItem } from '../../../app/items/resolve-item.js';
import type { ItemInput } from '../../../app/items/item-input.js';
import { type ItemFilter, listItems } from '../../../app/items/list-items.js';
import { listCatalog } from '../../../app/reference/list-catalog.js';
import { CATALOGS } from '../../../app/reference/catalogs.js';
import { createCatalogEntry } from '../../../app/reference/create-catalog-entry.js';
import { isUnitCode, unitCodeOf } from '../../../domain/einvoice/unit-codes.js';
import { listTaxes } from '../../../app/taxes/list-taxes.js';
import type { Tx } from '../../../app/context.js';
import { Decimal } from '../../../domain/money/decimal.js';
import { BillitError } from '../billit-error.js';
import type { Call, Route } from '../context.js';
import { billitListQuery, billitPage, conjunction, unknownProperty } from '../list-query.js';
import { type ProductRefs, productView } from '../views/product.js';

const TYPE = 'Domain.Product.Product';

async function productRefs(
  tx: Tx,
  accountId: number,
): Promise<ProductRefs & { taxes: Awaited<ReturnType<typeof listTaxes>> }> {
  const [taxes, units] = await Promise.all([listTaxes(tx, accountId), listCatalog(tx, accountId, CATALOGS.units)]);
  return {
    taxes,
    rates: new Map(taxes.map((t) => [t.id, t.rate])),
    units: new Map(units.map((u) => [u.id, u.symbol])),
  };
}

/**
 * The account's unit a product's `Unit` names: one of its symbols, or a UN/ECE Rec 20 code (what Peppol carries:
 * `C62`, `HUR`, `KGM`…) mapped to the account's unit of that code, else kept as a unit of its own with the code as
 * its symbol. Null for other text (as before).
 */
async function unitIdOf(tx: Tx, accountId: number, units: Map<number, string>, unit: string): Promise<number | null> {
  const wanted = unit.trim().toUpperCase();
  const bySymbol = [...units].find(([, s]) => s.toUpperCase() === wanted);
  if (bySymbol) return bySymbol[0];
  if (!isUnitCode(wanted)) return null;
  const byCode = [...units].find(([, s]) => unitCodeOf(s) === wanted);
  if (byCode) return byCode[0];
  const created = await createCatalogEntry(tx, accountId, CATALOGS.units, { name: wanted, symbol: wanted });
  return Number(created.id);
}

/** `$filter` on products: Reference, EAN (eq), Description (eq or contains). */
function productFilter(c: Call, q: ReturnType<typeof billitListQuery>['query']): ItemFilter {
  const f: ItemFilter = {};
  const text = c.query.fullTextSearch ?? c.query.fulltextsearch ?? c.query.FullTextSearch;
  if (text?.trim()) f.text = text.trim();
  const where: NonNullable<ItemFilter['where']> = [];
  for (const cond of conjunction(q.filter, TYPE)) {
    const column = ({ reference: 'code', ean: 'barcode', description: 'description' } as const)[
      cond.field.toLowerCase() as 'reference'
    ];
    if (!column) throw unknownProperty(cond.field, TYPE);
    if (cond.kind === 'text') where.push({ column, op: 'like', value: cond.value });
    else if ((cond.op === 'eq' || cond.op === 'ne') && 'value' in cond.value)
      where.push({ column, op: cond.op, value: String(cond.value.value) });
    else throw unknownProperty(cond.field, TYPE);
  }
  if (where.length) f.where = where;
  return f;
}

export function registerProducts(route: Route): void {
  route('GET', '/products', {}, async (c) => {
    const { query, page } = billitListQuery(c, TYPE);
    const filter = productFilter(c, query);
    return c.tx(async (tx) => {
      const [res, refs] = await Promise.all([listItems(tx, c.accountId, filter, page), productRefs(tx, c.accountId)]);
      return billitPage(
        c,
        '/products',
        query,
        res.items.map((p) => productView(p, refs)),
        res.total,
      );
    });
  });

  // `{Reference, Description, AmountExcl, VAT, Unit, EAN}` → the ProductID (new, or the Reference's, updated). VAT is a rate the account has.
  route('POST', '/products', {}, async (c) => {
    const b = c.body;
    const reference = b.text('Reference', 'Code');
    const description = b.text('Description', 'Name');
    const amount = b.decimal('AmountExcl', 'Price', 'UnitPriceExcl');
    const vat = b.decimal('VAT', 'VATPercentage', 'VatPercentage');
    const unit = b.text('Unit');
    const ean = b.text('EAN', 'Ean', 'Barcode');
    const longDescription = b.text('DescriptionExtended');
    b.check();
    return c.tx(async (tx) => {
      const refs = await productRefs(tx, c.accountId);
      const input: ItemInput = { description: description ?? '', price: amount ?? '0' };
      if (reference) input.code = reference;
      if (ean !== undefined) input.barcode = ean;
      if (longDescription !== undefined) input.longDescription = longDescription;
      if (vat !== undefined) {
        const rate = new Decimal(vat);
        const tax = refs.taxes.find((t) => new Decimal(t.rate).eq(rate));
        if (!tax)
          throw BillitError.bad(
            'InvalidVAtPercentageForTaxCountry_0_',
            `${vat} % is not a VAT rate of the company's country.`,
          );
        input.taxId = tax.id;
      }
      if (unit) {
        const unitId = await unitIdOf(tx, c.accountId, refs.units, unit);
        if (unitId !== null) input.unitId = unitId;
      }
      if (!reference) return (await createItem(tx, c.accountId, input, '', { autoCode: true })).id;
      // Billit's POST creates or updates: a Reference the company already has is that product, updated (E's
      // upsert_product sends the same SKU again to change a price and reads the same ProductID back).
      const item = await resolveItem(
        tx,
        c.accountId,
        undefined,
        { ...input, updateExisting: true, matchCodeOnly: true },
        '',
      );
      return item!.id;
    });
  });

  route('GET', '/products/:id', {}, async (c) =>
    c.tx(async (tx) => {
      const [item, refs] = await Promise.all([getItem(tx, c.accountId, c.id), productRefs(tx, c.accountId)]);
      return productView(item, refs);
    }),
  );
}
