/**
 * Document types. The internal code is the SAF-T code (portugal.md §5.1), so a number reads `FT A/1`.
 */
export type DocFamily = 'invoice' | 'transport' | 'working' | 'payment' | 'opening_balance';
export type SeriesClass = 'SI' | 'MG' | 'WD' | 'PY';
export type Lang = 'pt' | 'en' | 'fr';

export const DOC_TYPES = [
  'FT',
  'FS',
  'FR',
  'NC',
  'ND',
  'GT',
  'GR',
  'GA',
  'GC',
  'GD',
  'OR',
  'PF',
  'NE',
  'FO',
  'RC',
  'RG',
  'SIC',
  'SIF',
] as const;
export type DocType = (typeof DOC_TYPES)[number];

export interface DocTypeInfo {
  code: DocType;
  family: DocFamily;
  /** AT series class (SeriesWS classeDoc); null where AT has none. */
  seriesClass: SeriesClass | null;
  /** NOTE: Despacho 8632/2014 §1.1, §2.1.1 — every document with external effect is signed except receipts. */
  signed: boolean;
  /** Stock effect of goods lines: -1 out, +1 in, 0 none. */
  stockSign: -1 | 0 | 1;
  /** Whether it is a fiscal invoice; the others print "Este documento não serve de fatura" (D8632 §1.2). */
  isInvoice: boolean;
  /** Rectifying document: lines must reference the original's lines (CIVA art. 36.º n.º 6). */
  rectifies: boolean;
  /**
   * Settled on issue by default: a fatura-recibo always; a fatura simplificada unless the document says it is not
   * (`unpaidOnIssueAllowed`). Each document's own fact is `settledOnIssue()` of paid-on-issue.ts.
   */
  settledOnIssue: boolean;
  /** NOTE: CIVA art. 40.º — a fatura simplificada is not necessarily paid at issue: it may open its amount. */
  unpaidOnIssueAllowed: boolean;
  /** Creates an amount owed that receipts can settle. */
  receivable: boolean;
  names: Record<Lang, string>;
}

const t = (
  code: DocType,
  family: DocFamily,
  seriesClass: SeriesClass | null,
  flags: Partial<Omit<DocTypeInfo, 'code' | 'family' | 'seriesClass' | 'names'>>,
  names: Record<Lang, string>,
): DocTypeInfo => ({
  code,
  family,
  seriesClass,
  signed: flags.signed ?? (family !== 'payment' && family !== 'opening_balance'),
  stockSign: flags.stockSign ?? 0,
  isInvoice: flags.isInvoice ?? false,
  rectifies: flags.rectifies ?? false,
  settledOnIssue: flags.settledOnIssue ?? false,
  unpaidOnIssueAllowed: flags.unpaidOnIssueAllowed ?? false,
  receivable: flags.receivable ?? false,
  names,
});

export const DOC_TYPE_INFO: Record<DocType, DocTypeInfo> = {
  FT: t(
    'FT',
    'invoice',
    'SI',
    { stockSign: -1, isInvoice: true, receivable: true },
    { pt: 'Fatura', en: 'Invoice', fr: 'Facture' },
  ),
  FS: t(
    'FS',
    'invoice',
    'SI',
    { stockSign: -1, isInvoice: true, settledOnIssue: true, unpaidOnIssueAllowed: true },
    { pt: 'Fatura Simplificada', en: 'Simplified Invoice', fr: 'Facture simplifiée' },
  ),
  FR: t(
    'FR',
    'invoice',
    'SI',
    { stockSign: -1, isInvoice: true, settledOnIssue: true },
    { pt: 'Fatura-Recibo', en: 'Invoice-Receipt', fr: 'Facture-reçu' },
  ),
  NC: t(
    'NC',
    'invoice',
    'SI',
    { stockSign: 1, isInvoice: true, rectifies: true },
    { pt: 'Nota de Crédito', en: 'Credit Note', fr: 'Avoir' },
  ),
  ND: t(
    'ND',
    'invoice',
    'SI',
    { isInvoice: true, rectifies: true, receivable: true },
    { pt: 'Nota de Débito', en: 'Debit Note', fr: 'Note de débit' },
  ),
  GT: t(
    'GT',
    'transport',
    'MG',
    { stockSign: -1 },
    { pt: 'Guia de Transporte', en: 'Transport Guide', fr: 'Bon de transport' },
  ),
  GR: t(
    'GR',
    'transport',
    'MG',
    { stockSign: -1 },
    { pt: 'Guia de Remessa', en: 'Delivery Note', fr: 'Bon de livraison' },
  ),
  GA: t(
    'GA',
    'transport',
    'MG',
    { stockSign: -1 },
    {
      pt: 'Guia de Movimentação de Ativos Próprios',
      en: 'Own Assets Movement Guide',
      fr: 'Bon de mouvement d’actifs propres',
    },
  ),
  GC: t(
    'GC',
    'transport',
    'MG',
    { stockSign: -1 },
    { pt: 'Guia de Consignação', en: 'Consignment Guide', fr: 'Bon de consignation' },
  ),
  GD: t(
    'GD',
    'transport',
    'MG',
    { stockSign: -1 },
    { pt: 'Guia de Devolução', en: 'Return Guide', fr: 'Bon de retour' },
  ),
  OR: t('OR', 'working', 'WD', {}, { pt: 'Orçamento', en: 'Quote', fr: 'Devis' }),
  PF: t('PF', 'working', 'WD', {}, { pt: 'Fatura Pró-Forma', en: 'Pro-Forma Invoice', fr: 'Facture pro forma' }),
  NE: t('NE', 'working', 'WD', {}, { pt: 'Nota de Encomenda', en: 'Purchase Order', fr: 'Bon de commande' }),
  FO: t('FO', 'working', 'WD', {}, { pt: 'Folha de Obra', en: 'Work Sheet', fr: 'Fiche de travail' }),
  RC: t('RC', 'payment', 'PY', {}, { pt: 'Recibo', en: 'Receipt', fr: 'Reçu' }),
  RG: t('RG', 'payment', 'PY', {}, { pt: 'Recibo', en: 'Receipt', fr: 'Reçu' }),
  SIC: t(
    'SIC',
    'opening_balance',
    null,
    { receivable: true },
    { pt: 'Saldo Inicial de Cliente', en: 'Customer Opening Balance', fr: 'Solde initial client' },
  ),
  SIF: t(
    'SIF',
    'opening_balance',
    null,
    {},
    { pt: 'Saldo Inicial de Fornecedor', en: 'Supplier Opening Balance', fr: 'Solde initial fournisseur' },
  ),
};

export function isDocType(v: unknown): v is DocType {
  return typeof v === 'string' && (DOC_TYPES as readonly string[]).includes(v);
}

/** Types whose lines may be carried into a later document (conversion), and what they may become. */
export const CONVERTIBLE_FROM: Partial<Record<DocType, readonly DocType[]>> = {
  OR: ['FT', 'FS', 'FR', 'PF', 'NE', 'GT', 'GR', 'FO'],
  PF: ['FT', 'FS', 'FR', 'GT', 'GR'],
  NE: ['FT', 'FS', 'FR', 'GT', 'GR', 'PF'],
  FO: ['FT', 'FS', 'FR'],
  GT: ['FT', 'FS', 'FR'],
  GR: ['FT', 'FS', 'FR'],
};

export const LANGS: readonly Lang[] = ['pt', 'en', 'fr'];
