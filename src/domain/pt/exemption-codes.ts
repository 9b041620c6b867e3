import { isoDay } from './iso-day.js';

/**
 * VAT exemption / non-liquidation codes (SAF-T TaxExemptionCode + TaxExemptionReason). NOTE: P302 4.1.4.19.17 —
 * mandatory whenever the VAT rate or amount is 0, non-subject lines included; D8632 §2.2.14 — the exemption text
 * must be printed. Source: AT "Tabela de Códigos de Motivo de Isenção" as reconciled in
 * `specs/pt/reference/vat_exemption_codes.json` (portugal.md §6.2); embedded so the runtime reads no files.
 */
export interface ExemptionCode {
  code: string;
  /** The menção, printed and exported as TaxExemptionReason (SAF-T: 6 to 60 characters). */
  text: string;
  /** Norma aplicável. */
  legalBasis: string;
  /** First day the code may be used (YYYY-MM-DD); null when older than the versioned tables. */
  validFrom: string | null;
  /** Last day the code may be used; null while in force. */
  validTo: string | null;
}

export const EXEMPTION_CODES: readonly ExemptionCode[] = [
  {
    code: 'M01',
    text: 'Artigo 16.º, n.º 6 do CIVA',
    legalBasis: 'Artigo 16.º, n.º 6, alíneas a) a d) do CIVA',
    validFrom: '2022-07-01',
    validTo: null,
  },
  {
    code: 'M02',
    text: 'Artigo 6.º do Decreto-Lei n.º 198/90, de 19 de junho',
    legalBasis: 'Artigo 6.º do Decreto-Lei n.º 198/90, de 19 de junho',
    validFrom: '2022-07-01',
    validTo: null,
  },
  // NOTE: M03 and M08 are absent from every current table (which start 2022-07-01; M08 was split into M30–M43).
  // Texts from the older AT tables; retirement date 2022-06-30 inferred [UNCONFIRMED] (portugal.md §6.2, §10.1).
  {
    code: 'M03',
    text: 'Exigibilidade de caixa',
    legalBasis:
      'Decreto-Lei n.º 204/97, de 9 de agosto; Decreto-Lei n.º 418/99, de 21 de outubro; Lei n.º 15/2009, de 1 de abril',
    validFrom: null,
    validTo: '2022-06-30',
  },
  {
    code: 'M04',
    text: 'Isento artigo 13.º do CIVA',
    legalBasis: 'Artigo 13.º do CIVA',
    validFrom: '2022-07-01',
    validTo: null,
  },
  {
    code: 'M05',
    text: 'Isento artigo 14.º do CIVA',
    legalBasis: 'Artigo 14.º do CIVA',
    validFrom: '2022-07-01',
    validTo: null,
  },
  {
    code: 'M06',
    text: 'Isento artigo 15.º do CIVA',
    legalBasis: 'Artigo 15.º do CIVA',
    validFrom: '2022-07-01',
    validTo: null,
  },
  {
    code: 'M07',
    text: 'Isento artigo 9.º do CIVA',
    legalBasis: 'Artigo 9.º do CIVA',
    validFrom: '2022-07-01',
    validTo: null,
  },
  {
    code: 'M08',
    text: 'IVA – autoliquidação',
    legalBasis:
      'Artigo 2.º n.º 1 alíneas i), j) ou l) do CIVA; artigo 6.º do CIVA; Decreto-Lei n.º 21/2007, de 29 de janeiro; Decreto-Lei n.º 362/99, de 16 de setembro; artigo 8.º do RITI',
    validFrom: null,
    validTo: '2022-06-30',
  },
  {
    code: 'M09',
    text: 'IVA – não confere direito a dedução',
    legalBasis: 'Artigo 62.º alínea b) do CIVA',
    validFrom: '2022-07-01',
    validTo: null,
  },
  // NOTE: table V4.0 cites art. 53.º n.º 1 (the regime); older tables cite art. 57.º (the mention) [UNCONFIRMED].
  {
    code: 'M10',
    text: 'IVA – regime de isenção',
    legalBasis: 'Artigo 53.º n.º 1 do CIVA',
    validFrom: '2022-07-01',
    validTo: null,
  },
  {
    code: 'M11',
    text: 'Regime particular do tabaco',
    legalBasis: 'Decreto-Lei n.º 346/85, de 23 de agosto',
    validFrom: '2022-07-01',
    validTo: null,
  },
  {
    code: 'M12',
    text: 'Regime da margem de lucro – Agências de viagens',
    legalBasis: 'Decreto-Lei n.º 221/85, de 3 de julho',
    validFrom: '2022-07-01',
    validTo: null,
  },
  {
    code: 'M13',
    text: 'Regime da margem de lucro – Bens em segunda mão',
    legalBasis: 'Decreto-Lei n.º 199/96, de 18 de outubro',
    validFrom: '2022-07-01',
    validTo: null,
  },
  {
    code: 'M14',
    text: 'Regime da margem de lucro – Objetos de arte',
    legalBasis: 'Decreto-Lei n.º 199/96, de 18 de outubro',
    validFrom: '2022-07-01',
    validTo: null,
  },
  // NOTE: the full menção ("Regime da margem de lucro – Objetos de coleção e antiguidades") has 61 characters.
  {
    code: 'M15',
    text: 'Regime margem lucro – Objetos de coleção/antiguidades',
    legalBasis: 'Decreto-Lei n.º 199/96, de 18 de outubro',
    validFrom: '2022-07-01',
    validTo: null,
  },
  {
    code: 'M16',
    text: 'Isento artigo 14.º do RITI',
    legalBasis: 'Artigo 14.º do RITI',
    validFrom: '2022-07-01',
    validTo: null,
  },
  {
    code: 'M19',
    text: 'Outras isenções',
    legalBasis: 'Isenções temporárias determinadas em diploma próprio',
    validFrom: '2022-07-01',
    validTo: null,
  },
  {
    code: 'M20',
    text: 'IVA – regime forfetário',
    legalBasis: 'Artigo 59.º-D n.º 2 do CIVA',
    validFrom: '2022-07-01',
    validTo: null,
  },
  {
    code: 'M21',
    text: 'IVA – não confere direito à dedução (ou expressão similar)',
    legalBasis: 'Artigo 72.º n.º 4 do CIVA',
    validFrom: '2022-07-01',
    validTo: null,
  },
  {
    code: 'M25',
    text: 'Mercadorias à consignação',
    legalBasis: 'Artigo 38.º n.º 1 alínea a) do CIVA',
    validFrom: '2022-07-01',
    validTo: null,
  },
  // NOTE: the "IVA zero" basket measure ended 2024-01-04, but the code stays in AT's table.
  {
    code: 'M26',
    text: 'Isenção de IVA com direito à dedução no cabaz alimentar',
    legalBasis: 'Lei n.º 17/2023, de 14 de abril',
    validFrom: '2023-04-14',
    validTo: null,
  },
  {
    code: 'M30',
    text: 'IVA - autoliquidação',
    legalBasis: 'Artigo 2.º n.º 1 alínea i) do CIVA',
    validFrom: '2022-07-01',
    validTo: null,
  },
  {
    code: 'M31',
    text: 'IVA - autoliquidação',
    legalBasis: 'Artigo 2.º n.º 1 alínea j) do CIVA',
    validFrom: '2022-07-01',
    validTo: null,
  },
  {
    code: 'M32',
    text: 'IVA - autoliquidação',
    legalBasis: 'Artigo 2.º n.º 1 alínea l) do CIVA',
    validFrom: '2022-07-01',
    validTo: null,
  },
  {
    code: 'M33',
    text: 'IVA - autoliquidação',
    legalBasis: 'Artigo 2.º n.º 1 alínea m) do CIVA',
    validFrom: '2022-07-01',
    validTo: null,
  },
  {
    code: 'M34',
    text: 'IVA - autoliquidação',
    legalBasis: 'Artigo 2.º n.º 1 alínea n) do CIVA',
    validFrom: '2023-04-14',
    validTo: null,
  },
  // NOTE: only in table V4.0 (18-06-2026) as transcribed by two secondary sources [UNCONFIRMED].
  {
    code: 'M35',
    text: 'IVA - autoliquidação',
    legalBasis: 'Artigo 2.º n.º 1 alínea j) do CIVA – Verba 2.42 da Lista I',
    validFrom: '2026-07-01',
    validTo: null,
  },
  {
    code: 'M40',
    text: 'IVA - autoliquidação',
    legalBasis: 'Artigo 6.º n.º 6 alínea a) do CIVA, a contrário',
    validFrom: '2022-07-01',
    validTo: null,
  },
  {
    code: 'M41',
    text: 'IVA - autoliquidação',
    legalBasis: 'Artigo 8.º n.º 3 do RITI',
    validFrom: '2022-07-01',
    validTo: null,
  },
  {
    code: 'M42',
    text: 'IVA - autoliquidação',
    legalBasis: 'Decreto-Lei n.º 21/2007, de 29 de janeiro',
    validFrom: '2022-07-01',
    validTo: null,
  },
  {
    code: 'M43',
    text: 'IVA - autoliquidação',
    legalBasis: 'Decreto-Lei n.º 362/99, de 16 de setembro',
    validFrom: '2022-07-01',
    validTo: null,
  },
  {
    code: 'M44',
    text: 'IVA – Regras específicas – artigo 6.º',
    legalBasis:
      'Artigo 6.º do CIVA – Regras específicas (operações não localizadas em Portugal por força das regras de exceção dos n.ºs 7 e seguintes do art. 6.º)',
    validFrom: '2025-08-14',
    validTo: null,
  },
  {
    code: 'M45',
    text: 'IVA – regime transfronteiriço de isenção',
    legalBasis: 'Artigo 58.º-A do CIVA',
    validFrom: '2025-08-14',
    validTo: null,
  },
  {
    code: 'M46',
    text: 'IVA – e-TaxFree',
    legalBasis: 'Decreto-Lei n.º 19/2017, de 14 de fevereiro',
    validFrom: '2025-08-14',
    validTo: null,
  },
  {
    code: 'M99',
    text: 'Não sujeito ou não tributado',
    legalBasis:
      'Outras situações de não liquidação do imposto (Exemplos: artigo 2.º, n.º 2; artigo 3.º, n.ºs 4, 6 e 7; artigo 4.º, n.º 5, todos do CIVA)',
    validFrom: '2022-07-01',
    validTo: null,
  },
];

const BY_CODE = new Map(EXEMPTION_CODES.map((e) => [e.code, e]));

export function findExemption(code: string): ExemptionCode | undefined {
  return BY_CODE.get(code);
}

/** Whether the code may be used on a document dated `isoDate` (YYYY-MM-DD; a longer ISO date-time is cut to its date). */
export function isExemptionValidOn(code: string, isoDate: string): boolean {
  const day = isoDay(isoDate);
  const e = BY_CODE.get(code);
  if (!e) return false;
  return (e.validFrom === null || day >= e.validFrom) && (e.validTo === null || day <= e.validTo);
}
