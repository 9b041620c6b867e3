import {
  type DocumentTotalsFailure,
  type ReconcileLine,
  documentTotalsProblem,
} from '../../domain/totals/reconcile.js';
import type { DocumentRecordName, ParsedRecord } from './read-records.js';

/**
 * What a document record's signature cannot see (the hash signs the gross total, not the lines): it has at least
 * one Line (the XSD requires one in Invoice, WorkDocument, StockMovement and Payment), and in the signed records
 * the lines add up, by the project's rounding, to NetTotal and TaxPayable, which add up to GrossTotal.
 */
export interface TotalsViolation extends DocumentTotalsFailure {
  record: DocumentRecordName;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const obj = (v: unknown): ParsedRecord | undefined =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as ParsedRecord) : undefined;
const list = (v: unknown): ParsedRecord[] =>
  Array.isArray(v) ? (v as ParsedRecord[]) : v && typeof v === 'object' ? [v as ParsedRecord] : [];

const DOC_ID: Record<DocumentRecordName, string> = {
  Invoice: 'InvoiceNo',
  StockMovement: 'DocumentNumber',
  WorkDocument: 'DocumentNumber',
  Payment: 'PaymentRefNo',
};

/**
 * A line's tax and amount; undefined when it carries no tax percentage (a guide's line may have no Tax), or is
 * taxed on a TaxBase (stamp duty on a value that is not the line's: P302 4.1.4.19.12), which this project never
 * writes.
 */
function reconcileLine(l: ParsedRecord): ReconcileLine | undefined {
  if (l.TaxBase !== undefined) return undefined;
  const tax = obj(l.Tax);
  const rate = str(tax?.TaxPercentage);
  const net = str(l.DebitAmount) ?? str(l.CreditAmount);
  if (!tax || rate === undefined || net === undefined) return undefined;
  return {
    taxType: str(tax.TaxType) ?? '',
    taxRegion: str(tax.TaxCountryRegion) ?? '',
    taxCode: str(tax.TaxCode) ?? '',
    taxRate: rate,
    net,
  };
}

export function checkRecordTotals(name: DocumentRecordName, record: ParsedRecord): TotalsViolation[] {
  const docId = str(record[DOC_ID[name]]) ?? '?';
  const lines = list(record.Line);
  if (lines.length === 0) return [{ record: name, docId, reason: 'no_lines', message: `The ${name} has no Line.` }];
  if (name === 'Payment') return [];
  const totals = obj(record.DocumentTotals);
  const reconcile = lines.map(reconcileLine);
  if (!totals || reconcile.some((l) => l === undefined)) return [];
  try {
    const p = documentTotalsProblem({
      lines: reconcile as ReconcileLine[],
      netTotal: str(totals.NetTotal) ?? '',
      taxTotal: str(totals.TaxPayable) ?? '',
      grossTotal: str(totals.GrossTotal) ?? '',
    });
    return p ? [{ record: name, docId, ...p }] : [];
  } catch {
    return [{ record: name, docId, reason: 'totals_mismatch', message: 'A total or a line amount is not a decimal.' }];
  }
}
