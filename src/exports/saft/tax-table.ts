import { dec } from '../../domain/money/decimal.js';
import { VAT_RATES } from '../../domain/pt/vat-rates.js';
import type { Tx } from '../../app/context.js';
import type { SaftScope } from '../../app/saft/saft-scope.js';
import { listSaftTaxes } from '../../app/saft/list-saft-taxes.js';
import { type XmlRecord, decimal, element, textOr } from './xml.js';
import type { SaftWriter } from './writer.js';

interface Entry {
  type: string;
  region: string;
  code: string;
  rate: string;
  description: string;
  expires: string | null;
}

const REGION_NAME: Record<string, string> = { PT: 'Continente', 'PT-AC': 'Açores', 'PT-MA': 'Madeira' };
const CODE_NAME: Record<string, string> = {
  NOR: 'Taxa normal',
  INT: 'Taxa intermédia',
  RED: 'Taxa reduzida',
  ISE: 'Isento',
  OUT: 'Outros',
  NS: 'Não sujeito',
};
const describe = (t: { type: string; region: string; code: string; rate: string }) =>
  `${t.type} ${CODE_NAME[t.code] ?? t.code} ${decimal(t.rate)}% - ${REGION_NAME[t.region] ?? t.region}`;
const key = (t: { type: string; region: string; code: string; rate: string }) =>
  `${t.type}|${t.region}|${t.code}|${dec(t.rate).toFixed(4)}`;

/**
 * The TaxTable: the account's taxes, any other tax a line in scope carries, and the Portuguese VAT rates that
 * have expired. NOTE: P302 2.5 — the rates in force when the documents were issued must be there; an expired
 * rate carries its TaxExpirationDate (its last day in force here).
 */
export async function taxTableEntries(tx: Tx, accountId: number, scope: SaftScope): Promise<Entry[]> {
  const { catalog, used } = await listSaftTaxes(tx, accountId, scope);
  const entries = new Map<string, Entry>();
  const add = (e: Entry) => {
    if (!entries.has(key(e))) entries.set(key(e), e);
  };
  for (const t of catalog)
    add({
      type: t.tax_type,
      region: t.region,
      code: t.saft_code,
      rate: t.rate,
      description: t.name,
      expires: t.valid_to,
    });
  for (const t of used)
    add({
      type: t.tax_type,
      region: t.tax_region,
      code: t.tax_code,
      rate: t.tax_rate,
      description: describe({ type: t.tax_type, region: t.tax_region, code: t.tax_code, rate: t.tax_rate }),
      expires: null,
    });
  for (const r of VAT_RATES) {
    if (r.validTo === null) continue;
    const e = { type: 'IVA', region: r.region, code: r.code, rate: r.rate.toString(), expires: r.validTo };
    add({ ...e, description: describe(e) });
  }
  return [...entries.values()];
}

export function taxTableEntryRecord(e: Entry): XmlRecord {
  return {
    TaxType: e.type,
    TaxCountryRegion: e.region,
    TaxCode: e.code,
    Description: textOr(e.description, 255, describe(e)),
    TaxExpirationDate: e.expires ?? undefined,
    TaxPercentage: decimal(e.rate),
  };
}

export async function writeTaxTable(w: SaftWriter, tx: Tx, accountId: number, scope: SaftScope): Promise<number> {
  const entries = await taxTableEntries(tx, accountId, scope);
  if (!entries.length) return 0;
  await w.record(element('TaxTable', { TaxTableEntry: entries.map(taxTableEntryRecord) }));
  return entries.length;
}
