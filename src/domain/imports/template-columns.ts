/** A column of the bulk invoicing template: its key (what a mapping names) and its header in each language. */
export interface TemplateColumn {
  key: ImportColumn;
  pt: string;
  en: string;
  /** Other spellings a header may take (compared without case, accents or punctuation). */
  aliases?: string[];
}

export type ImportColumn =
  | 'document'
  | 'type'
  | 'series'
  | 'date'
  | 'dueDate'
  | 'customerTaxId'
  | 'customerCode'
  | 'customerName'
  | 'customerAddress'
  | 'customerPostalCode'
  | 'customerCity'
  | 'customerCountry'
  | 'itemCode'
  | 'description'
  | 'quantity'
  | 'unitPrice'
  | 'discount'
  | 'taxRate'
  | 'exemption'
  | 'sendTo';

/** The template's columns, in the order the template file lists them. */
export const TEMPLATE_COLUMNS: readonly TemplateColumn[] = [
  { key: 'document', pt: 'Documento', en: 'Document', aliases: ['chave', 'document key', 'key', 'doc'] },
  { key: 'type', pt: 'Tipo', en: 'Type', aliases: ['tipo documento', 'document type'] },
  { key: 'series', pt: 'Série', en: 'Series', aliases: ['serie'] },
  { key: 'date', pt: 'Data', en: 'Date', aliases: ['data documento', 'document date'] },
  { key: 'dueDate', pt: 'Vencimento', en: 'Due date', aliases: ['data vencimento', 'data de vencimento'] },
  { key: 'customerTaxId', pt: 'NIF cliente', en: 'Customer tax id', aliases: ['nif', 'contribuinte', 'tax id', 'vat'] },
  { key: 'customerCode', pt: 'Código cliente', en: 'Customer code' },
  { key: 'customerName', pt: 'Nome cliente', en: 'Customer name', aliases: ['cliente', 'customer', 'nome'] },
  { key: 'customerAddress', pt: 'Morada', en: 'Address', aliases: ['morada cliente', 'customer address'] },
  { key: 'customerPostalCode', pt: 'Código postal', en: 'Postal code', aliases: ['cp'] },
  { key: 'customerCity', pt: 'Localidade', en: 'City', aliases: ['cidade'] },
  { key: 'customerCountry', pt: 'País', en: 'Country', aliases: ['pais'] },
  { key: 'itemCode', pt: 'Código artigo', en: 'Item code', aliases: ['artigo', 'item', 'referencia', 'reference'] },
  { key: 'description', pt: 'Descrição', en: 'Description', aliases: ['descricao'] },
  { key: 'quantity', pt: 'Quantidade', en: 'Quantity', aliases: ['qtd', 'qty'] },
  { key: 'unitPrice', pt: 'Preço unitário', en: 'Unit price', aliases: ['preco', 'price'] },
  { key: 'discount', pt: 'Desconto %', en: 'Discount %', aliases: ['desconto', 'discount'] },
  { key: 'taxRate', pt: 'Taxa IVA %', en: 'Tax rate %', aliases: ['iva', 'taxa iva', 'vat rate', 'tax rate', 'tax'] },
  { key: 'exemption', pt: 'Motivo isenção', en: 'Exemption code', aliases: ['isencao', 'exemption'] },
  { key: 'sendTo', pt: 'Enviar para', en: 'Send to', aliases: ['email', 'e-mail', 'email cliente'] },
];

/** A header as compared: lower case, no accents, punctuation and spacing collapsed. */
export function headerKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9%]+/g, ' ')
    .replace(/%/g, '')
    .trim();
}

const BY_HEADER = new Map<string, ImportColumn>();
for (const c of TEMPLATE_COLUMNS)
  for (const h of [c.key, c.pt, c.en, ...(c.aliases ?? [])]) BY_HEADER.set(headerKey(h), c.key);

export const isImportColumn = (v: string): v is ImportColumn => TEMPLATE_COLUMNS.some((c) => c.key === v);

/** Where a header problem is: the header as written, and why. */
export interface HeaderIssue {
  column: string;
  reason: string;
}

/**
 * The template column of each header of a file: by the mapping (file header → column key or template header) when
 * it names the header, else by the header itself in Portuguese or English. Unknown headers are ignored (null); a
 * column named twice, or a file without its document key or any quantity, is an issue.
 */
export function recognizeHeaders(
  headers: string[],
  mapping: Record<string, string> = {},
): { columns: (ImportColumn | null)[]; issues: HeaderIssue[] } {
  const issues: HeaderIssue[] = [];
  const mapped = new Map(Object.entries(mapping).map(([from, to]) => [headerKey(from), to]));
  for (const [from, to] of Object.entries(mapping))
    if (!isImportColumn(to) && !BY_HEADER.has(headerKey(to)))
      issues.push({ column: from, reason: `The mapping names '${to}', which is no template column.` });
  const seen = new Set<ImportColumn>();
  const columns = headers.map((h) => {
    const target = mapped.get(headerKey(h));
    const key =
      target !== undefined
        ? isImportColumn(target)
          ? target
          : BY_HEADER.get(headerKey(target))
        : BY_HEADER.get(headerKey(h));
    if (!key) return null;
    if (seen.has(key)) {
      issues.push({ column: h, reason: `A second column for '${key}'.` });
      return null;
    }
    seen.add(key);
    return key;
  });
  for (const needed of ['document', 'quantity'] as const)
    if (!seen.has(needed)) {
      const c = TEMPLATE_COLUMNS.find((t) => t.key === needed)!;
      issues.push({
        column: c.en,
        reason: `The file has no '${c.pt}' / '${c.en}' column (or map one to '${needed}').`,
      });
    }
  return { columns, issues };
}
