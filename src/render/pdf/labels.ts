import type { Lang } from '../../domain/documents/types.js';
import type { CopyKind } from '../../domain/pt/legal-marks.js';
import { COPY_MARKS } from '../../domain/pt/legal-marks.js';

/** The languages a PDF is printed in: Portuguese, English and French, and Dutch and German for Belgian sellers. */
export type PdfLang = Lang | 'nl' | 'de';

/** Every fixed text of the PDF, per document language. Legal statements keep their Portuguese wording (legal-marks.ts). */
export interface Labels {
  page: string;
  date: string;
  dueDate: string;
  taxPointDate: string;
  recorded: string;
  customer: string;
  customerCode: string;
  taxId: string;
  finalConsumer: string;
  yourReference: string;
  phone: string;
  code: string;
  description: string;
  quantity: string;
  unit: string;
  unitPrice: string;
  discount: string;
  vat: string;
  netAmount: string;
  grossAmount: string;
  carriedForward: string;
  broughtForward: string;
  taxSummary: string;
  rate: string;
  taxableBase: string;
  taxAmount: string;
  exemption: string;
  exemptionReasons: string;
  discounts: string;
  globalDiscount: string;
  netTotal: string;
  vatTotal: string;
  grossTotal: string;
  withholding: string;
  rounding: string;
  payable: string;
  received: string;
  totalIn: (currency: string) => string;
  exchangeRate: string;
  payment: string;
  paymentMethod: string;
  paid: string;
  observations: string;
  loadPlace: string;
  unloadPlace: string;
  start: string;
  end: string;
  vehicle: string;
  atCode: string;
  shipping: string;
  corrects: string;
  basedOn: string;
  ofDate: (doc: string, date: string) => string;
  document: string;
  documentTotal: string;
  amountSettled: string;
  cancelled: string;
  reason: string;
  notAnInvoice: string;
  /** Belgian sellers (#16): the VAT number line, the structured payment reference, the VAT category column. */
  vatNumber: string;
  paymentReference: string;
  vatCategory: string;
}

const pt: Labels = {
  page: 'Página',
  date: 'Data',
  dueDate: 'Vencimento',
  taxPointDate: 'Data de fornecimento',
  recorded: 'Registo',
  customer: 'Cliente',
  customerCode: 'Código',
  taxId: 'NIF',
  finalConsumer: 'Consumidor final',
  yourReference: 'V/ Referência',
  phone: 'Tel.',
  code: 'Código',
  description: 'Descrição',
  quantity: 'Qtd.',
  unit: 'Un.',
  unitPrice: 'Preço unit.',
  discount: 'Desc. %',
  vat: 'IVA',
  netAmount: 'Valor líquido',
  grossAmount: 'Valor c/ IVA',
  carriedForward: 'A transportar',
  broughtForward: 'Transporte',
  taxSummary: 'Resumo de impostos',
  rate: 'Taxa',
  taxableBase: 'Incidência',
  taxAmount: 'Imposto',
  exemption: 'Isenção',
  exemptionReasons: 'Motivos de isenção',
  discounts: 'Descontos',
  globalDiscount: 'Desconto global',
  netTotal: 'Total líquido',
  vatTotal: 'Total IVA',
  grossTotal: 'Total',
  withholding: 'Retenção na fonte',
  rounding: 'Acerto de arredondamento',
  payable: 'Total a pagar',
  received: 'Total recebido',
  totalIn: (c) => `Total em ${c}`,
  exchangeRate: 'Câmbio',
  payment: 'Pagamento',
  paymentMethod: 'Meio de pagamento',
  paid: 'Pago',
  observations: 'Observações',
  loadPlace: 'Local de carga',
  unloadPlace: 'Local de descarga',
  start: 'Início',
  end: 'Fim',
  vehicle: 'Matrícula',
  atCode: 'Código AT',
  shipping: 'Expedição',
  corrects: 'Retifica',
  basedOn: 'Referente a',
  ofDate: (d, t) => `${d} de ${t}`,
  document: 'Documento',
  documentTotal: 'Valor do documento',
  amountSettled: 'Valor liquidado',
  cancelled: 'ANULADO',
  reason: 'Motivo',
  notAnInvoice: '',
  vatNumber: 'N.º IVA',
  paymentReference: 'Referência de pagamento',
  vatCategory: 'Categoria IVA',
};

const en: Labels = {
  page: 'Page',
  date: 'Date',
  dueDate: 'Due date',
  taxPointDate: 'Supply date',
  recorded: 'Recorded',
  customer: 'Customer',
  customerCode: 'Code',
  taxId: 'Tax ID',
  finalConsumer: 'Final consumer',
  yourReference: 'Your reference',
  phone: 'Phone',
  code: 'Code',
  description: 'Description',
  quantity: 'Qty',
  unit: 'Unit',
  unitPrice: 'Unit price',
  discount: 'Disc. %',
  vat: 'VAT',
  netAmount: 'Net amount',
  grossAmount: 'Amount incl. VAT',
  carriedForward: 'Carried forward',
  broughtForward: 'Brought forward',
  taxSummary: 'Tax summary',
  rate: 'Rate',
  taxableBase: 'Taxable base',
  taxAmount: 'Tax',
  exemption: 'Exemption',
  exemptionReasons: 'VAT exemption reasons',
  discounts: 'Discounts',
  globalDiscount: 'Global discount',
  netTotal: 'Net total',
  vatTotal: 'Total VAT',
  grossTotal: 'Total',
  withholding: 'Withholding tax',
  rounding: 'Rounding adjustment',
  payable: 'Amount due',
  received: 'Total received',
  totalIn: (c) => `Total in ${c}`,
  exchangeRate: 'Exchange rate',
  payment: 'Payment',
  paymentMethod: 'Payment method',
  paid: 'Paid',
  observations: 'Notes',
  loadPlace: 'Loading place',
  unloadPlace: 'Unloading place',
  start: 'Start',
  end: 'End',
  vehicle: 'Vehicle plate',
  atCode: 'AT code',
  shipping: 'Shipping',
  corrects: 'Corrects',
  basedOn: 'Based on',
  ofDate: (d, t) => `${d} of ${t}`,
  document: 'Document',
  documentTotal: 'Document total',
  amountSettled: 'Amount settled',
  cancelled: 'CANCELLED',
  reason: 'Reason',
  notAnInvoice: 'This document is not an invoice',
  vatNumber: 'VAT no.',
  paymentReference: 'Payment reference',
  vatCategory: 'VAT category',
};

const fr: Labels = {
  page: 'Page',
  date: 'Date',
  dueDate: 'Échéance',
  taxPointDate: 'Date de livraison',
  recorded: 'Enregistré le',
  customer: 'Client',
  customerCode: 'Code',
  taxId: 'N° fiscal',
  finalConsumer: 'Consommateur final',
  yourReference: 'Votre référence',
  phone: 'Tél.',
  code: 'Code',
  description: 'Désignation',
  quantity: 'Qté',
  unit: 'Unité',
  unitPrice: 'Prix unit.',
  discount: 'Rem. %',
  vat: 'TVA',
  netAmount: 'Montant HT',
  grossAmount: 'Montant TTC',
  carriedForward: 'À reporter',
  broughtForward: 'Report',
  taxSummary: 'Récapitulatif des taxes',
  rate: 'Taux',
  taxableBase: 'Base HT',
  taxAmount: 'Taxe',
  exemption: 'Exonération',
  exemptionReasons: 'Motifs d’exonération de TVA',
  discounts: 'Remises',
  globalDiscount: 'Remise globale',
  netTotal: 'Total HT',
  vatTotal: 'Total TVA',
  grossTotal: 'Total TTC',
  withholding: 'Retenue à la source',
  rounding: 'Ajustement d’arrondi',
  payable: 'Net à payer',
  received: 'Total reçu',
  totalIn: (c) => `Total en ${c}`,
  exchangeRate: 'Taux de change',
  payment: 'Paiement',
  paymentMethod: 'Mode de paiement',
  paid: 'Payé',
  observations: 'Observations',
  loadPlace: 'Lieu de chargement',
  unloadPlace: 'Lieu de déchargement',
  start: 'Début',
  end: 'Fin',
  vehicle: 'Immatriculation',
  atCode: 'Code AT',
  shipping: 'Expédition',
  corrects: 'Rectifie',
  basedOn: 'Document d’origine',
  ofDate: (d, t) => `${d} du ${t}`,
  document: 'Document',
  documentTotal: 'Montant du document',
  amountSettled: 'Montant réglé',
  cancelled: 'ANNULÉ',
  reason: 'Motif',
  notAnInvoice: 'Ce document ne vaut pas facture',
  vatNumber: 'N° TVA',
  paymentReference: 'Communication structurée',
  vatCategory: 'Catégorie TVA',
};

const nl: Labels = {
  page: 'Pagina',
  date: 'Datum',
  dueDate: 'Vervaldatum',
  taxPointDate: 'Leveringsdatum',
  recorded: 'Geregistreerd',
  customer: 'Klant',
  customerCode: 'Code',
  taxId: 'Btw-nr.',
  finalConsumer: 'Eindverbruiker',
  yourReference: 'Uw referentie',
  phone: 'Tel.',
  code: 'Code',
  description: 'Omschrijving',
  quantity: 'Aantal',
  unit: 'Eenh.',
  unitPrice: 'Eenheidsprijs',
  discount: 'Korting %',
  vat: 'Btw',
  netAmount: 'Bedrag excl. btw',
  grossAmount: 'Bedrag incl. btw',
  carriedForward: 'Over te dragen',
  broughtForward: 'Overdracht',
  taxSummary: 'Btw-overzicht',
  rate: 'Tarief',
  taxableBase: 'Maatstaf van heffing',
  taxAmount: 'Btw',
  exemption: 'Vrijstelling',
  exemptionReasons: 'Redenen van vrijstelling',
  discounts: 'Kortingen',
  globalDiscount: 'Globale korting',
  netTotal: 'Totaal excl. btw',
  vatTotal: 'Totaal btw',
  grossTotal: 'Totaal',
  withholding: 'Bronheffing',
  rounding: 'Afronding',
  payable: 'Te betalen',
  received: 'Totaal ontvangen',
  totalIn: (c) => `Totaal in ${c}`,
  exchangeRate: 'Wisselkoers',
  payment: 'Betaling',
  paymentMethod: 'Betaalwijze',
  paid: 'Betaald',
  observations: 'Opmerkingen',
  loadPlace: 'Laadplaats',
  unloadPlace: 'Losplaats',
  start: 'Begin',
  end: 'Einde',
  vehicle: 'Nummerplaat',
  atCode: 'AT-code',
  shipping: 'Verzending',
  corrects: 'Corrigeert',
  basedOn: 'Gebaseerd op',
  ofDate: (d, t) => `${d} van ${t}`,
  document: 'Document',
  documentTotal: 'Totaal document',
  amountSettled: 'Vereffend bedrag',
  cancelled: 'GEANNULEERD',
  reason: 'Reden',
  notAnInvoice: 'Dit document is geen factuur',
  vatNumber: 'Btw-nr.',
  paymentReference: 'Gestructureerde mededeling',
  vatCategory: 'Btw-categorie',
};

const de: Labels = {
  page: 'Seite',
  date: 'Datum',
  dueDate: 'Fällig am',
  taxPointDate: 'Lieferdatum',
  recorded: 'Erfasst',
  customer: 'Kunde',
  customerCode: 'Kundennr.',
  taxId: 'USt-IdNr.',
  finalConsumer: 'Endverbraucher',
  yourReference: 'Ihre Referenz',
  phone: 'Tel.',
  code: 'Code',
  description: 'Beschreibung',
  quantity: 'Menge',
  unit: 'Einh.',
  unitPrice: 'Einzelpreis',
  discount: 'Rabatt %',
  vat: 'MwSt.',
  netAmount: 'Nettobetrag',
  grossAmount: 'Betrag inkl. MwSt.',
  carriedForward: 'Übertrag',
  broughtForward: 'Übertrag',
  taxSummary: 'MwSt.-Übersicht',
  rate: 'Satz',
  taxableBase: 'Bemessungsgrundlage',
  taxAmount: 'MwSt.',
  exemption: 'Befreiung',
  exemptionReasons: 'Befreiungsgründe',
  discounts: 'Rabatte',
  globalDiscount: 'Gesamtrabatt',
  netTotal: 'Summe netto',
  vatTotal: 'Summe MwSt.',
  grossTotal: 'Gesamtbetrag',
  withholding: 'Quellensteuer',
  rounding: 'Rundung',
  payable: 'Zahlbetrag',
  received: 'Erhalten',
  totalIn: (c) => `Gesamt in ${c}`,
  exchangeRate: 'Wechselkurs',
  payment: 'Zahlung',
  paymentMethod: 'Zahlungsart',
  paid: 'Bezahlt',
  observations: 'Bemerkungen',
  loadPlace: 'Ladeort',
  unloadPlace: 'Entladeort',
  start: 'Beginn',
  end: 'Ende',
  vehicle: 'Kennzeichen',
  atCode: 'AT-Code',
  shipping: 'Versand',
  corrects: 'Berichtigt',
  basedOn: 'Auf Grundlage von',
  ofDate: (d, t) => `${d} vom ${t}`,
  document: 'Dokument',
  documentTotal: 'Dokumentbetrag',
  amountSettled: 'Beglichener Betrag',
  cancelled: 'STORNIERT',
  reason: 'Grund',
  notAnInvoice: 'Dieses Dokument ist keine Rechnung',
  vatNumber: 'USt-IdNr.',
  paymentReference: 'Strukturierte Mitteilung',
  vatCategory: 'MwSt.-Kategorie',
};

export const LABELS: Readonly<Record<PdfLang, Labels>> = { pt, en, fr, nl, de };

/** The document types' names in Dutch and German (the domain's, shared with the e-mails). */
export { TYPE_NAMES } from '../../domain/documents/type-names.js';

/** The copy marks of a PDF in its language (Portugal's D8632 wording for pt/en/fr). */
export function copyMarks(lang: PdfLang): Readonly<Record<CopyKind, string>> {
  if (lang === 'nl') return { original: 'Origineel', duplicate: 'Duplicaat', reprint: 'Tweede exemplaar' };
  if (lang === 'de') return { original: 'Original', duplicate: 'Duplikat', reprint: 'Zweitschrift' };
  return COPY_MARKS[lang];
}
