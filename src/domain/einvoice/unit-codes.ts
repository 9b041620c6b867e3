/**
 * UN/ECE Recommendation 20 unit codes (what EN 16931 BT-130 and Peppol carry) and the account units they stand for.
 * NOTE: EN 16931 BT-130 / UN/ECE Rec 20 (with Rec 21): the unit of measure of an invoiced quantity.
 */

/** The Rec 20 code of each of the account's default unit symbols. */
const CODE_OF_SYMBOL: Record<string, string> = {
  UN: 'C62',
  UNI: 'C62',
  H: 'HUR',
  HR: 'HUR',
  KG: 'KGM',
  L: 'LTR',
  M: 'MTR',
  M2: 'MTK',
  M3: 'MTQ',
  SERV: 'E48',
  DIA: 'DAY',
  DAY: 'DAY',
  MES: 'MON',
};

/** Rec 20 codes met on invoices, kept as they are when a unit is one of them. */
const REC20 = new Set([
  ...Object.values(CODE_OF_SYMBOL),
  'H87',
  'EA',
  'PR',
  'SET',
  'XPP',
  'XBX',
  'KTM',
  'MIN',
  'SEC',
  'WEE',
  'ANN',
  'GRM',
  'TNE',
  'MLT',
  'CMT',
  'MMT',
  'KWH',
  'MWH',
  'LS',
  'ZZ',
  'XPK',
  'XBO',
  'XCT',
  'MGM',
  'CLT',
  'DMT',
  'HAR',
  'QTR',
  'KMT',
]);

/** Whether `text` is a Rec 20 code this list knows (its case ignored). */
export function isUnitCode(text: string): boolean {
  return REC20.has(text.trim().toUpperCase());
}

/** The Rec 20 code of a unit symbol (or of a Rec 20 code itself); anything else is "one" (C62). */
export function unitCodeOf(symbol: string | null | undefined): string {
  const s = (symbol || 'UN').trim().toUpperCase();
  return CODE_OF_SYMBOL[s] ?? (REC20.has(s) ? s : 'C62');
}
