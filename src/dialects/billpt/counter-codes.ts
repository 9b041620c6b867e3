import type { DocType } from '../../domain/documents/types.js';

/**
 * The internal codes bill.pt prints where its type code is not the core type's: its receipt "RC" is SAF-T's RG (an
 * ordinary receipt; the core's RC is the cash-VAT receipt) and its customer opening balance "SINIV" is the core's
 * SIC. Asked for when a series is created here or a counter is first used here (`claimCounterCode`).
 * NOTE: P302 4.1.4.1, 4.4.4.1 — the number's first part is the software's internal code, free to choose, while
 * PaymentType/InvoiceType stay the legal type; but one code may not name two document types of the account. Where
 * the account already prints RC for cash-VAT receipts, its receipts keep RG: a taken code falls back to the type's.
 */
export const BILLPT_COUNTER_CODES: readonly { type: DocType; code: string }[] = [
  { type: 'RG', code: 'RC' },
  { type: 'SIC', code: 'SINIV' },
];

export const billptCounterCode = (type: DocType): string | undefined =>
  BILLPT_COUNTER_CODES.find((c) => c.type === type)?.code;
