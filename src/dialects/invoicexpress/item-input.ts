import type { Tx } from '../../app/context.js';
import type { ItemInput } from '../../app/items/item-input.js';
import { createCatalogEntry } from '../../app/reference/create-catalog-entry.js';
import { CATALOGS } from '../../app/reference/catalogs.js';
import { listCatalog } from '../../app/reference/list-catalog.js';
import { listTaxes } from '../../app/taxes/list-taxes.js';
import { DomainError } from '../../domain/errors.js';
import { dec } from '../../domain/money/decimal.js';
import { IxError } from './ix-error.js';
import type { IxInput } from './input.js';
import type { ItemViewContext } from './views/item.js';

/** An `item` body as read, before its unit and tax are looked up. */
export interface IxItemBody {
  input: ItemInput;
  unit?: string | null;
  taxName?: string | null;
  /** `tax.id`: some clients send only the id. */
  taxId?: number;
}

export function itemRoot(body: IxInput): IxInput {
  const root = body.sub('item');
  if (!root) throw new IxError(422, ['The item element is missing']);
  return root;
}

/** An `item` body (name, description, unit_price, unit, tax {id, name}) with InvoiceXpress's messages. */
export function readItem(i: IxInput, partial: boolean): IxItemBody {
  const input: ItemInput = {};
  const name = i.text('name');
  if (name !== undefined || !partial) {
    if (!name?.trim()) i.invalid("Name can't be blank");
    else if (name.trim().length > 60) i.invalid('Name is too long (maximum is 60 characters)');
    else input.code = name.trim();
  }
  const description = i.text('description')?.trim();
  if (description) input.description = description;
  else if (!partial && input.code) input.description = input.code;
  // InvoiceXpress sets no minimum; the catalog's description (SAF-T ProductDescription) needs 2 characters, so a
  // shorter one gives way to the name (sent with it).
  if (input.description !== undefined && input.description.length < 2 && input.code) {
    const { code, description: short } = input;
    input.description = [code, `${code} ${short}`].find((x) => x.length >= 2) ?? short;
  }
  const price = i.raw('unit_price');
  if (price !== undefined && price !== null && price !== '') {
    const p = i.decimal('unit_price');
    if (p !== undefined && dec(p).lt(0)) i.invalid('unit_price must be a number equal or greater than 0.0');
    else if (p !== undefined) input.price = p;
  } else if (!partial) input.price = '0';
  const unit = i.text('unit');
  const tax = i.sub('tax');
  const taxName = tax?.text('name');
  const taxId = tax?.int('id');
  i.raw('discount');
  i.check();
  return {
    input,
    unit: unit === undefined ? undefined : (unit?.trim() ?? null),
    taxName: taxName === undefined ? undefined : (taxName?.trim() ?? null),
    ...(taxId === undefined ? {} : { taxId }),
  };
}

/**
 * The unit and tax of an item body, looked up in the account: a unit by name or symbol (created when new, as
 * InvoiceXpress keeps whatever unit a client sends); a tax by id or by name, the default tax when the name is unknown
 * (as InvoiceXpress does for document items).
 */
export async function resolveItemBody(tx: Tx, accountId: number, b: IxItemBody): Promise<ItemInput> {
  const input = { ...b.input };
  if (b.unit === null) input.unitId = null;
  else if (b.unit !== undefined) {
    const u = b.unit.toLowerCase();
    const units = (await listCatalog(tx, accountId, CATALOGS.units)) as { id: number; name: string; symbol: string }[];
    const found = units.find((x) => x.name.toLowerCase() === u) ?? units.find((x) => x.symbol.toLowerCase() === u);
    input.unitId =
      found?.id ??
      (
        (await createCatalogEntry(tx, accountId, CATALOGS.units, {
          name: b.unit.slice(0, 100),
          symbol: b.unit.slice(0, 20),
        })) as { id: number }
      ).id;
  }
  if (b.taxId !== undefined || b.taxName !== undefined) {
    const taxes = await listTaxes(tx, accountId);
    const byId = b.taxId === undefined ? undefined : taxes.find((t) => t.id === b.taxId);
    // An id of another system with a name: the name decides; an unknown id alone is refused.
    if (b.taxId !== undefined && !byId && !b.taxName) throw new IxError(422, [`Tax ${b.taxId} was not found`]);
    const found = byId || (b.taxName && taxes.find((t) => t.name === b.taxName)) || taxes.find((t) => t.is_default);
    input.taxId = found?.id ?? null;
  }
  return input;
}

/** The taxes and units an item view names. */
export async function itemViewContext(tx: Tx, accountId: number): Promise<ItemViewContext> {
  const [taxes, units] = await Promise.all([
    listTaxes(tx, accountId),
    listCatalog(tx, accountId, CATALOGS.units) as Promise<{ id: number; name: string }[]>,
  ]);
  return {
    taxes: new Map(taxes.map((t) => [t.id, { name: t.name, rate: t.rate }])),
    units: new Map(units.map((u) => [u.id, { name: u.name }])),
  };
}

/** The core's refusals of an item in InvoiceXpress's words. */
export function itemError(err: unknown): unknown {
  if (!(err instanceof DomainError)) return err;
  if (err.code === 'not_found' && err.meta.resource === 'item') return new IxError(404, ['Item not found']);
  if (err.code === 'conflict') return new IxError(422, ['Name has already been taken']);
  if (err.code === 'in_use' && err.details[0]?.field === 'code')
    return new IxError(422, ["Name can't be changed: the item is used in documents"]);
  if (err.code === 'in_use') return new IxError(422, ['The item is used in documents and cannot be deleted']);
  return err;
}
