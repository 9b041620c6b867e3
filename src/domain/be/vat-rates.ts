/**
 * NOTE: Belgian VAT rates (VAT Code art. 37, Royal Decree no. 20 tables A–C; finance.belgium.be "VAT rates"):
 * 21 % standard (return grid 03), 12 % (grid 02), 6 % (grid 01), 0 % (grid 00). The SAF-T-style codes name them in
 * the account's tax catalog; on a document line the EN 16931 VAT category is what classifies them.
 */
export const BE_VAT_RATES = [
  { name: 'TVA-BTW 21%', code: 'NOR', rate: '21', grid: '03' },
  { name: 'TVA-BTW 12%', code: 'INT', rate: '12', grid: '02' },
  { name: 'TVA-BTW 6%', code: 'RED', rate: '6', grid: '01' },
  { name: 'TVA-BTW 0%', code: 'ISE', rate: '0', grid: '00' },
] as const;

/** Whether a positive rate is a Belgian standard-rated (category S) rate. */
export function isBelgianStandardRate(rate: { eq(n: number): boolean }): boolean {
  return rate.eq(21) || rate.eq(12) || rate.eq(6);
}
