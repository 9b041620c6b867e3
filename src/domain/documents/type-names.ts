import { DOC_TYPE_INFO, type DocType, type Lang } from './types.js';

/** The document types' names in Dutch and German, the languages of Belgian documents (the others: `names`). */
export const TYPE_NAMES: Readonly<Record<'nl' | 'de', Partial<Record<DocType, string>>>> = {
  nl: {
    FT: 'Factuur',
    NC: 'Creditnota',
    ND: 'Debetnota',
    OR: 'Offerte',
    PF: 'Pro-formafactuur',
    NE: 'Bestelbon',
    FO: 'Bestelling',
    RG: 'Ontvangstbewijs',
  },
  de: {
    FT: 'Rechnung',
    NC: 'Gutschrift',
    ND: 'Belastungsanzeige',
    OR: 'Angebot',
    PF: 'Proformarechnung',
    NE: 'Bestellung',
    FO: 'Lieferantenbestellung',
    RG: 'Quittung',
  },
};

/** A type's name in a document language; a type without a Dutch or German name reads in English there. */
export function docTypeName(type: DocType, lang: Lang | 'nl' | 'de'): string {
  return lang === 'nl' || lang === 'de'
    ? (TYPE_NAMES[lang][type] ?? DOC_TYPE_INFO[type].names.en)
    : DOC_TYPE_INFO[type].names[lang];
}
