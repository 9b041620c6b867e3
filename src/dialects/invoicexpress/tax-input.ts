import type { TaxInput } from '../../app/taxes/tax-input.js';
import { DomainError } from '../../domain/errors.js';
import { dec } from '../../domain/money/decimal.js';
import { countryCode } from './countries.js';
import { IxError } from './ix-error.js';
import type { IxInput } from './input.js';

const CODES = ['NOR', 'INT', 'RED', 'OUT', 'ISE'];
const REGIONS: Record<string, string> = {
  'pt-ac': 'PT-AC',
  'pt-ma': 'PT-MA',
  acores: 'PT-AC',
  açores: 'PT-AC',
  azores: 'PT-AC',
  madeira: 'PT-MA',
};

export function taxRoot(body: IxInput): IxInput {
  const root = body.sub('tax');
  if (!root) throw new IxError(422, ['The tax element is missing']);
  return root;
}

/** PT, PT-AC, PT-MA, "Portugal (Açores)", or a country by code or name. */
function region(v: string): string | undefined {
  const s = v.trim();
  const key = s
    .toLowerCase()
    .replace(/^portugal\s*\((.*)\)$/, '$1')
    .trim();
  return REGIONS[key] ?? countryCode(s);
}

/** A `tax` body (name, value, region, code, default_tax) with InvoiceXpress's messages. */
export function readTax(i: IxInput, partial: boolean): TaxInput {
  const out: TaxInput = { type: partial ? undefined : 'IVA' };
  const name = i.text('name');
  if (name !== undefined || !partial) {
    if (!name?.trim()) i.invalid("Name can't be blank");
    else out.name = name.trim();
  }
  if (i.has('value') || !partial) {
    const v = i.has('value') ? i.decimal('value') : undefined;
    if (v === undefined || dec(v).lt(0) || dec(v).gte(100)) i.invalid('Value must be a number between 0 and 99.9999');
    else out.rate = v;
  }
  const r = i.text('region');
  if (r) {
    const code = region(r);
    if (!code) i.invalid(`Region ${r} was not found`);
    else out.region = code;
  }
  const code = i.text('code');
  if (code) {
    const c = code.trim().toUpperCase();
    if (!CODES.includes(c)) i.invalid('Code must be one of NOR, INT, RED, OUT, ISE');
    else out.code = c as TaxInput['code'];
  }
  const isDefault = i.bool('default_tax', 'is_default');
  if (isDefault !== undefined) out.isDefault = isDefault;
  i.check();
  if (out.type === undefined) delete out.type;
  return out;
}

export function taxError(err: unknown): unknown {
  if (!(err instanceof DomainError)) return err;
  if (err.code === 'not_found' && err.meta.resource === 'tax') return new IxError(404, ['Tax not found']);
  if (err.code === 'conflict') return new IxError(422, ['Name has already been taken']);
  if (err.code === 'in_use')
    return new IxError(422, ['The tax is in use (by documents or items, or as the default tax) and cannot be deleted']);
  if (err.code === 'validation' && err.details[0]?.field === 'isDefault')
    return new IxError(422, ["default_tax can't be unset: make another tax the default instead"]);
  if (err.code === 'validation' && err.details[0]?.field === 'rate')
    return new IxError(422, ['Value must be 0 for exempt (ISE) taxes']);
  return err;
}
