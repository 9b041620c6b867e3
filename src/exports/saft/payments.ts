import { type Decimal, ZERO, dec, round2, sum } from '../../domain/money/decimal.js';
import type { IssuedDocument, IssuedSettlement, IssuedTaxGroup } from '../../domain/documents/issued-document.js';
import { type SaftContext, scopeOf } from './context.js';
import { type BatchStats, documentBatches } from './document-batches.js';
import { currency, documentState, period, sourceId, withholding } from './documents.js';
import { exemption } from './lines.js';
import { SAFT_TABLES } from './tables.js';
import { entryTotals } from './totals.js';
import { type XmlRecord, dateTime, decimal, element, key, text } from './xml.js';

interface Part {
  net: Decimal;
  tax: Decimal;
  group: IssuedTaxGroup | null;
}

/**
 * What a settlement pays of each tax group of the settled document, without tax, and its share of the
 * withholding. A full settlement takes the stored figures as they are; a partial one the same proportion of
 * each, rounded to cents. NOTE: P302 4.4.4.14.5–6 — a receipt line is the amount paid without tax, one line per
 * tax rate (mandatory on RC, cash VAT; given on RG too); 4.4.4.16 — receipts repeat the withholding.
 */
export function settlementParts(s: IssuedSettlement): { parts: Part[]; withholding: Decimal } {
  const settled = s.document;
  const paid = dec(s.amount);
  const payable = dec(settled.totals.payable);
  const full = paid.eq(payable) || !payable.gt(0);
  const share = (v: string | Decimal) => (full ? dec(v) : round2(dec(v).times(paid).div(payable)));
  const groups = settled.taxSummary;
  const parts: Part[] = groups.length
    ? groups.map((g) => ({ net: share(g.base), tax: share(g.tax), group: g }))
    : [{ net: paid, tax: ZERO, group: null }];
  return { parts, withholding: share(settled.totals.withholding) };
}

/**
 * A Payment record (RC RG), in the XSD's sequence (P302 4.4.4). Receipts are not signed: no Hash, no HashControl.
 * `credit` is what its lines add to the table's TotalCredit (nothing when cancelled).
 */
export function paymentRecord(doc: IssuedDocument): { record: XmlRecord; credit: Decimal } {
  const state = documentState(doc);
  const user = sourceId(doc);
  const cashVat = doc.type === 'RC';
  const lines: XmlRecord[] = [];
  let net = ZERO;
  let tax = ZERO;
  const withheld = new Map<string, Decimal>();
  for (const s of doc.settles) {
    const { parts, withholding: w } = settlementParts(s);
    for (const p of parts) {
      net = net.plus(p.net);
      tax = tax.plus(p.tax);
      const g = p.group;
      // NOTE: XSD assert — RC lines carry Tax; a settled balance without tax groups is "not applicable" (NA, M99).
      const taxRecord = g
        ? { TaxType: g.type, TaxCountryRegion: g.region, TaxCode: g.code, TaxPercentage: decimal(g.rate) }
        : cashVat
          ? { TaxType: 'NS', TaxCountryRegion: 'PT', TaxCode: 'NA', TaxPercentage: '0' }
          : undefined;
      const exempt =
        taxRecord && dec(taxRecord.TaxPercentage).isZero()
          ? exemption(g ? (g.exemptionCode ?? null) : 'M99', null)
          : {};
      lines.push({
        LineNumber: String(lines.length + 1),
        SourceDocumentID: [{ OriginatingON: s.document.number!, InvoiceDate: s.document.date }],
        CreditAmount: p.net.toFixed(2),
        Tax: taxRecord,
        ...exempt,
      });
    }
    if (w.gt(0)) {
      const type = s.document.withholdingType ?? '';
      withheld.set(type, (withheld.get(type) ?? ZERO).plus(w));
    }
  }
  const record: XmlRecord = {
    PaymentRefNo: doc.number!,
    ATCUD: doc.atcud ?? '0',
    Period: period(doc),
    TransactionDate: doc.date,
    PaymentType: doc.type,
    Description: text(doc.observations, 200),
    DocumentStatus: {
      PaymentStatus: state.status === 'A' ? 'A' : 'N',
      PaymentStatusDate: state.date,
      Reason: state.reason,
      SourceID: user,
      SourcePayment: 'P',
    },
    PaymentMethod: [
      {
        PaymentMechanism: doc.payment.mechanism ?? undefined,
        PaymentAmount: doc.totals.payable,
        PaymentDate: doc.date,
      },
    ],
    SourceID: user,
    SystemEntryDate: dateTime(doc.systemEntry!),
    CustomerID: key(doc.customer.masterCode!),
    Line: lines,
    DocumentTotals: {
      TaxPayable: tax.toFixed(2),
      NetTotal: net.toFixed(2),
      GrossTotal: net.plus(tax).toFixed(2),
      Currency: currency(doc),
    },
    WithholdingTax: [...withheld].flatMap(([type, amount]) => withholding(type || null, amount.toFixed(2))),
  };
  return { record, credit: doc.status === 'cancelled' ? ZERO : sum(lines.map((l) => dec(l.CreditAmount as string))) };
}

/** The payment records of the period, a batch at a time, each with what it settles. */
async function* paymentBatches(ctx: SaftContext, stats: BatchStats) {
  for await (const batch of documentBatches(
    ctx.tx,
    ctx.accountId,
    scopeOf(ctx, SAFT_TABLES.Payments.types),
    ctx.batchSize,
    ctx.issuer,
    null,
    stats,
  ))
    yield batch.docs.map((doc) => paymentRecord(doc));
}

/**
 * The Payments table, when the period has receipts. Its lines are derived (split per tax group of what they
 * settle), so the control total is summed by a first pass over the very same records; the second writes them.
 */
export async function writePayments(ctx: SaftContext): Promise<void> {
  const counting: BatchStats = { batches: 0, largestBatch: 0, documents: 0 };
  let entries = 0;
  let credit = ZERO;
  for await (const payments of paymentBatches(ctx, counting)) {
    entries += payments.length;
    for (const p of payments) credit = credit.plus(p.credit);
  }
  ctx.stats.batches += counting.batches;
  ctx.stats.largestBatch = Math.max(ctx.stats.largestBatch, counting.largestBatch);
  if (!entries) return;
  const table = SAFT_TABLES.Payments;
  await ctx.w.open(table.name);
  await ctx.w.record(entryTotals(entries, '0', credit.toFixed(2)));
  for await (const payments of paymentBatches(ctx, ctx.stats)) {
    await ctx.w.records(payments, (p) => element('Payment', p.record));
    ctx.progress();
  }
  await ctx.w.close(table.name);
}
