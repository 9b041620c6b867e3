import { dec } from '../../domain/money/decimal.js';
import { type DocumentRecordName, type ParsedRecord, readSaftRecords } from './read-records.js';

/**
 * The XSD 1.1 `xs:assert` rules of SAF-T (PT) 1.04_01, which XSD 1.0 validators (libxml2) skip
 * (portugal.md §1.7; SAFTPT1.04_01.xsd, 2022-05-17):
 *  - tax-amount / tax-percentage: a line whose Tax/TaxAmount (or Tax/TaxPercentage) is not 0 has no
 *    TaxExemptionReason; one whose amount (percentage) is 0 must have it (Invoice, WorkDocument and Payment
 *    lines; StockMovement lines for the percentage);
 *  - exemption-pair: TaxExemptionReason and TaxExemptionCode go together (every line kind);
 *  - tax-base-price / tax-base-amount: a line with TaxBase has UnitPrice 0 and Debit/CreditAmount 0
 *    (Invoice and WorkDocument lines);
 *  - rc-line-tax / rc-tax: on a Payment of type RC every line carries Tax (the line and payment asserts).
 */
export interface AssertViolation {
  record: DocumentRecordName;
  document: string;
  line?: string;
  rule:
    | 'tax-amount'
    | 'tax-percentage'
    | 'exemption-pair'
    | 'tax-base-price'
    | 'tax-base-amount'
    | 'rc-line-tax'
    | 'rc-tax';
  message: string;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const obj = (v: unknown): ParsedRecord | undefined =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as ParsedRecord) : undefined;
const list = (v: unknown): ParsedRecord[] =>
  Array.isArray(v) ? (v as ParsedRecord[]) : v && typeof v === 'object' ? [v as ParsedRecord] : [];
const isZero = (v: string) => {
  try {
    return dec(v).isZero();
  } catch {
    return false;
  }
};

const DOC_ID: Record<DocumentRecordName, string> = {
  Invoice: 'InvoiceNo',
  StockMovement: 'DocumentNumber',
  WorkDocument: 'DocumentNumber',
  Payment: 'PaymentRefNo',
};

/** The violations of one parsed document record (as `readSaftRecords` yields them). */
export function checkRecordAsserts(name: DocumentRecordName, record: ParsedRecord): AssertViolation[] {
  const out: AssertViolation[] = [];
  const document = str(record[DOC_ID[name]]) ?? '?';
  const add = (line: string | undefined, rule: AssertViolation['rule'], message: string) =>
    out.push({ record: name, document, line, rule, message });
  const rc = name === 'Payment' && str(record.PaymentType) === 'RC';
  for (const l of list(record.Line)) {
    const n = str(l.LineNumber);
    const tax = obj(l.Tax);
    const reason = l.TaxExemptionReason !== undefined;
    const code = l.TaxExemptionCode !== undefined;
    const checks: ['TaxAmount' | 'TaxPercentage', AssertViolation['rule']][] =
      name === 'StockMovement'
        ? [['TaxPercentage', 'tax-percentage']]
        : [
            ['TaxAmount', 'tax-amount'],
            ['TaxPercentage', 'tax-percentage'],
          ];
    for (const [field, rule] of checks) {
      const v = str(tax?.[field]);
      if (v === undefined) continue;
      if (!isZero(v) && reason) add(n, rule, `Tax/${field} is ${v}: the line must not have a TaxExemptionReason.`);
      if (isZero(v) && !reason) add(n, rule, `Tax/${field} is 0: the line needs a TaxExemptionReason.`);
    }
    if (reason !== code)
      add(n, 'exemption-pair', 'TaxExemptionReason and TaxExemptionCode must be both present or both absent.');
    if ((name === 'Invoice' || name === 'WorkDocument') && l.TaxBase !== undefined) {
      if (!isZero(str(l.UnitPrice) ?? '0')) add(n, 'tax-base-price', 'A line with TaxBase must have UnitPrice 0.');
      const amount = str(l.DebitAmount) ?? str(l.CreditAmount) ?? '0';
      if (!isZero(amount)) add(n, 'tax-base-amount', 'A line with TaxBase must have DebitAmount/CreditAmount 0.');
    }
    if (rc && !tax) add(n, 'rc-line-tax', 'A line of an RC receipt (cash VAT) must carry Tax.');
  }
  if (name === 'Payment') {
    const type = str(record.PaymentType);
    const anyTax = list(record.Line).some((l) => str(obj(l.Tax)?.TaxType) !== undefined);
    if (!((anyTax && type === 'RC') || type === 'RG'))
      add(undefined, 'rc-tax', 'A Payment must be RG, or RC with Tax on its lines.');
  }
  return out;
}

/** Runs the assert rules over every document record of a SAF-T file, streaming. */
export async function checkSaftAsserts(input: AsyncIterable<Buffer | string>): Promise<AssertViolation[]> {
  const out: AssertViolation[] = [];
  for await (const { name, record } of readSaftRecords(input)) out.push(...checkRecordAsserts(name, record));
  return out;
}
