import { BE_VAT_RATES } from '../../domain/be/vat-rates.js';
import { ratesInForce } from '../../domain/pt/vat-rates.js';

const REGION_LABEL: Record<string, string> = { PT: '', 'PT-AC': ' Açores', 'PT-MA': ' Madeira' };

/** The VAT rates in force on a date for the three Portuguese fiscal spaces, plus an exempt 0% tax. */
interface TaxSeed {
  name: string;
  tax_type: string;
  region: string;
  saft_code: string;
  rate: string;
  is_default: boolean;
  valid_from: string | null;
}

/** The taxes an account starts with: its country's VAT rates (Belgium: 21/12/6/0; Portugal: in force on the date). */
export function defaultTaxes(onDate: string, country: 'PT' | 'BE' = 'PT'): TaxSeed[] {
  if (country === 'BE')
    return BE_VAT_RATES.map((r) => ({
      name: r.name,
      tax_type: 'IVA',
      region: 'BE',
      saft_code: r.code,
      rate: r.rate,
      is_default: r.rate === '21',
      valid_from: null,
    }));
  const rows: TaxSeed[] = ratesInForce(onDate).map((r) => ({
    name: `IVA${r.rate}${REGION_LABEL[r.region] ?? ` ${r.region}`}`,
    tax_type: 'IVA',
    region: r.region,
    saft_code: r.code,
    rate: r.rate.toString(),
    is_default: r.region === 'PT' && r.code === 'NOR',
    valid_from: r.validFrom ?? null,
  }));
  rows.push({
    name: 'IVA0',
    tax_type: 'IVA',
    region: 'PT',
    saft_code: 'ISE',
    rate: '0',
    is_default: false,
    valid_from: null,
  });
  return rows;
}

export const DEFAULT_UNITS = [
  { name: 'Unidade', symbol: 'UN', is_default: true },
  { name: 'Hora', symbol: 'H', is_default: false },
  { name: 'Quilograma', symbol: 'KG', is_default: false },
  { name: 'Litro', symbol: 'L', is_default: false },
  { name: 'Metro', symbol: 'M', is_default: false },
  { name: 'Serviço', symbol: 'SERV', is_default: false },
];

/** SAF-T PaymentMechanism codes (portugal.md §1.4). */
export const DEFAULT_PAYMENT_METHODS = [
  { name: 'Numerário', saft_code: 'NU', is_default: true },
  { name: 'Transferência bancária', saft_code: 'TB', is_default: false },
  { name: 'Multibanco', saft_code: 'MB', is_default: false },
  { name: 'Cartão de crédito', saft_code: 'CC', is_default: false },
  { name: 'Cartão de débito', saft_code: 'CD', is_default: false },
  { name: 'Cheque', saft_code: 'CH', is_default: false },
  { name: 'Dinheiro eletrónico', saft_code: 'DE', is_default: false },
  { name: 'Outros', saft_code: 'OU', is_default: false },
];

export const DEFAULT_SHIPPING_METHODS = [
  { name: 'Em mão', is_default: true },
  { name: 'Transportadora', is_default: false },
  { name: 'Correio', is_default: false },
];
