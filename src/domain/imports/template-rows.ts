import { TEMPLATE_COLUMNS, type ImportColumn } from './template-columns.js';

const EXAMPLE: Partial<Record<ImportColumn, string>>[] = [
  {
    document: '1',
    type: 'FT',
    customerTaxId: '123456789',
    customerName: 'Cliente Exemplo, Lda',
    customerAddress: 'Rua Exemplo, 1',
    customerPostalCode: '1000-001',
    customerCity: 'Lisboa',
    customerCountry: 'PT',
    description: 'Serviço mensal',
    quantity: '1',
    unitPrice: '25.00',
    taxRate: '23',
    sendTo: 'cliente@example.com',
  },
  { document: '1', description: 'Instalação', quantity: '2', unitPrice: '10.50', discount: '10', taxRate: '23' },
  {
    document: '2',
    type: 'FT',
    customerName: 'Consumidor',
    description: 'Livro',
    quantity: '1',
    unitPrice: '12',
    taxRate: '6',
  },
];

/**
 * The bulk invoicing template: its header row in the language asked, and example rows (two documents; the first
 * has two lines). Decimals are written with a point in English and a comma in Portuguese, as spreadsheets do.
 */
export function templateRows(lang: 'pt' | 'en'): string[][] {
  const header = TEMPLATE_COLUMNS.map((c) => c[lang]);
  const numeric = new Set<ImportColumn>(['quantity', 'unitPrice', 'discount', 'taxRate']);
  const rows = EXAMPLE.map((e) =>
    TEMPLATE_COLUMNS.map((c) => {
      const v = e[c.key] ?? '';
      return lang === 'pt' && numeric.has(c.key) ? v.replace('.', ',') : v;
    }),
  );
  return [header, ...rows];
}
