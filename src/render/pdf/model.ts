import { createHash } from 'node:crypto';
import type { PdfSource } from '../../app/pdf/load-pdf-source.js';
import { DOC_TYPE_INFO, type DocType, type Lang } from '../../domain/documents/types.js';
import { type Decimal, HUNDRED, dec, round2 } from '../../domain/money/decimal.js';
import { documentMarks } from '../../domain/pt/document-marks.js';
import { NOT_AN_INVOICE, SANDBOX_MARK } from '../../domain/pt/legal-marks.js';
import type { AddressSnapshot, PartySnapshot } from '../../infra/db/schema.js';
import * as f from './format.js';
import { LABELS } from './labels.js';

/** Bump when the layout changes: cached files rendered by an older version are then re-rendered. */
export const RENDERER_VERSION = 1;

export interface PartyBlock {
  name: string;
  lines: string[];
}

export interface LineRow {
  code: string;
  description: string;
  quantity: string;
  unit: string;
  unitPrice: string;
  discount: string;
  vat: string;
  exemptionCode: string | null;
  amount: string;
  /** Exact line amount (2 decimals, '.' separator), summed for the carried totals. */
  value: string;
}

export interface SettledRow {
  document: string;
  date: string;
  total: string;
  amount: string;
  value: string;
}

export interface LabelValue {
  label: string;
  value: string;
  strong?: boolean;
}

/**
 * Everything the PDF shows, already formatted for the document's language. The renderer draws this and
 * nothing else, so `sourceHash(model)` identifies the rendered bytes: same model, same PDF.
 */
export interface PdfModel {
  version: number;
  lang: Lang;
  title: string;
  number: string;
  /** Printed in the PDF metadata: the system entry date-time (local, Lisbon) and the last status change. */
  createdAt: string;
  modifiedAt: string;
  author: string;
  cancelled: { label: string; reason: string } | null;
  logo: { sha256: string; contentType: string } | null;
  seller: PartyBlock;
  customer: PartyBlock & { title: string };
  dates: LabelValue[];
  references: LabelValue[];
  transport: { load: LabelValue[]; unload: LabelValue[]; other: LabelValue[] } | null;
  table: 'lines' | 'settlements';
  columns: { amount: string };
  lines: LineRow[];
  settled: SettledRow[];
  taxSummary: { rate: string; base: string; tax: string; exemption: string }[];
  exemptions: { code: string; text: string }[];
  totals: LabelValue[];
  payment: LabelValue[];
  observations: string | null;
  atcudLine: string | null;
  qrPayload: string | null;
  certification: string;
  /** Statements printed under the title on every page ("Este documento não serve de fatura"…). */
  headerNotices: string[];
  /** Sandbox/training statements: in the footer of every page, and as a watermark for the sandbox. */
  footerNotices: string[];
  watermark: string | null;
}

const REGION: Record<string, string> = { PT: '', 'PT-AC': ' (Açores)', 'PT-MA': ' (Madeira)' };
const FINAL_CONSUMER_NIF = '999999990';

function partyLines(p: Partial<PartySnapshot> & AddressSnapshot, taxIdLine: string | null): string[] {
  const out: string[] = [];
  if (p.street) out.push(p.street);
  const place = [p.postalCode, p.city].filter(Boolean).join(' ');
  if (place) out.push(place);
  if (p.country && p.country !== 'PT') out.push(p.country);
  if (taxIdLine) out.push(taxIdLine);
  return out;
}

function address(a: AddressSnapshot | null): string {
  if (!a) return '';
  return [
    a.street,
    [a.postalCode, a.city].filter(Boolean).join(' '),
    a.country && a.country !== 'PT' ? a.country : null,
  ]
    .filter(Boolean)
    .join(', ');
}

function discountText(l: { discount1: string; discount2: string; discount3: string }, lang: Lang): string {
  const ds = [l.discount1, l.discount2, l.discount3].map((d) => dec(d)).filter((d) => !d.isZero());
  return ds.map((d) => f.percent(d, lang)).join('+');
}

/** qty × price, less the line's own cascaded discounts (the global discount shows in the totals). */
function lineValue(l: {
  quantity: string;
  unit_price: string;
  discount1: string;
  discount2: string;
  discount3: string;
}): Decimal {
  let v = dec(l.quantity).times(l.unit_price);
  for (const d of [l.discount1, l.discount2, l.discount3]) v = v.times(HUNDRED.minus(d)).div(HUNDRED);
  return round2(v);
}

export function buildPdfModel(src: PdfSource): PdfModel {
  const { view } = src;
  const d = view.doc;
  const lang = (['pt', 'en', 'fr'].includes(d.language) ? d.language : 'pt') as Lang;
  const L = LABELS[lang];
  const type = d.doc_type as DocType;
  const info = DOC_TYPE_INFO[type];
  const cur = d.currency;
  const m = (v: string | Decimal) => f.money(v, lang);
  const mc = (v: string | Decimal) => f.withCurrency(m(v), 'EUR', lang);

  const marks = documentMarks({
    docType: type,
    status: d.status,
    docDate: d.doc_date,
    docNo: d.doc_no,
    atcud: d.atcud,
    hash: d.hash,
    issuerTaxId: view.account.taxId,
    customerTaxId: d.customer.taxId,
    customerCountry: d.customer.country,
    taxGroups: d.tax_summary,
    taxTotal: dec(d.tax_total),
    grossTotal: dec(d.gross_total),
    withholding: dec(d.withholding_total),
    certNo: view.account.certNo,
    sandbox: view.account.sandbox,
    training: view.seriesKind === 'F',
    language: lang,
  });

  const seller = d.seller;
  const sellerLines = partyLines(seller, `${L.taxId}: ${seller.taxId ?? view.account.taxId}`);
  if (seller.legalName && seller.legalName !== seller.name) sellerLines.unshift(seller.legalName);
  const contacts = [seller.phone ? `${L.phone} ${seller.phone}` : null, seller.email, seller.website].filter(
    Boolean,
  ) as string[];
  if (contacts.length) sellerLines.push(contacts.join(' · '));
  if (seller.companyRegistry) sellerLines.push(seller.companyRegistry);

  const c = d.customer;
  // NOTE: D8632 §2.2.5 — for the final consumer the NIF line is left blank or reads "Consumidor final".
  const customerTaxId =
    !c.taxId || c.taxId === FINAL_CONSUMER_NIF ? `${L.taxId}: ${L.finalConsumer}` : `${L.taxId}: ${c.taxId}`;
  const customerLines = partyLines(c, customerTaxId);
  if (c.code && c.taxId !== FINAL_CONSUMER_NIF) customerLines.push(`${L.customerCode}: ${c.code}`);

  const dates: LabelValue[] = [{ label: L.date, value: f.date(d.doc_date, lang) }];
  if (d.due_date) dates.push({ label: L.dueDate, value: f.date(d.due_date, lang) });
  if (d.tax_point_date && d.tax_point_date !== d.doc_date)
    dates.push({ label: L.taxPointDate, value: f.date(d.tax_point_date, lang) });
  if (d.system_entry_date) dates.push({ label: L.recorded, value: f.dateTime(d.system_entry_date, lang) });
  if (d.reference) dates.push({ label: L.yourReference, value: d.reference });

  const references: LabelValue[] = src.references.map((r) => ({
    label: info.rectifies && r.id === d.related_document_id ? L.corrects : L.basedOn,
    value: L.ofDate(r.docNo ?? `#${r.id}`, f.date(r.date, lang)),
  }));

  const transport =
    info.family === 'transport' || d.load_address || d.unload_address || d.vehicle_plate
      ? {
          load: [
            { label: L.loadPlace, value: address(d.load_address) || '—' },
            ...(d.load_at ? [{ label: L.start, value: f.dateTime(d.load_at, lang) }] : []),
          ],
          unload: [
            { label: L.unloadPlace, value: address(d.unload_address) || '—' },
            ...(d.unload_at ? [{ label: L.end, value: f.dateTime(d.unload_at, lang) }] : []),
          ],
          other: [
            ...(d.vehicle_plate ? [{ label: L.vehicle, value: d.vehicle_plate }] : []),
            ...(src.shippingMethod ? [{ label: L.shipping, value: src.shippingMethod }] : []),
            ...(d.at_code ? [{ label: L.atCode, value: d.at_code }] : []),
          ],
        }
      : null;

  const lines: LineRow[] = view.lines.map((l) => {
    const value = lineValue(l);
    return {
      code: l.code,
      description: l.description,
      quantity: f.quantity(l.quantity, lang),
      unit: l.unit,
      unitPrice: f.unitPrice(l.unit_price, lang),
      discount: discountText(l, lang),
      vat: l.tax_type === 'NS' ? '—' : `${f.percent(l.tax_rate, lang)}%`,
      exemptionCode: l.exemption_code,
      amount: m(value),
      value: value.toFixed(2),
    };
  });

  const settled: SettledRow[] = src.settled.map((s) => ({
    document: s.docNo ?? `#${s.id}`,
    date: f.date(s.date, lang),
    total: m(s.grossTotal),
    amount: m(s.amount),
    value: dec(s.amount).toFixed(2),
  }));

  const exemptionText = new Map<string, string>();
  for (const l of view.lines) if (l.exemption_code) exemptionText.set(l.exemption_code, l.exemption_reason ?? '');
  // A 0% group can gather lines of several exemption reasons: name them all.
  const groupCodes = (g: {
    type: string;
    region: string;
    code: string;
    rate: string;
    exemptionCode?: string | null;
  }) => {
    const codes = new Set<string>();
    for (const l of view.lines) {
      if (
        l.exemption_code &&
        l.tax_type === g.type &&
        l.tax_region === g.region &&
        l.tax_code === g.code &&
        dec(l.tax_rate).eq(g.rate)
      )
        codes.add(l.exemption_code);
    }
    if (codes.size === 0 && g.exemptionCode) codes.add(g.exemptionCode);
    return [...codes].sort().join(', ');
  };
  const taxSummary = d.tax_summary.map((g) => ({
    rate: `${g.type} ${f.percent(g.rate, lang)}%${REGION[g.region] ?? ` (${g.region})`}`,
    base: m(g.base),
    tax: m(g.tax),
    exemption: groupCodes(g),
  }));
  const exemptions = [...exemptionText].sort(([a], [b]) => a.localeCompare(b)).map(([code, text]) => ({ code, text }));

  const isReceipt = info.family === 'payment';
  const totals: LabelValue[] = [];
  if (isReceipt) {
    totals.push({ label: L.received, value: mc(d.gross_total), strong: true });
  } else {
    const discount = dec(d.discount_total);
    if (!discount.isZero()) {
      const global =
        d.global_discount_kind === 'percent' && d.global_discount_value
          ? ` (${L.globalDiscount} ${f.percent(d.global_discount_value, lang)}%)`
          : '';
      totals.push({ label: `${L.discounts}${global}`, value: m(discount) });
    }
    totals.push({ label: L.netTotal, value: m(d.net_total) });
    totals.push({ label: L.vatTotal, value: m(d.tax_total) });
    totals.push({ label: L.grossTotal, value: mc(d.gross_total), strong: true });
    // NOTE: D8632 §2.2.7 — withholding is printed in its own field after the gross total, never as a line.
    const withholding = dec(d.withholding_total);
    if (!withholding.isZero()) {
      const rate = d.withholding_rate ? ` ${d.withholding_type ?? ''} ${f.percent(d.withholding_rate, lang)}%` : '';
      totals.push({ label: `${L.withholding}${rate}`.replace(/\s+/g, ' '), value: m(withholding.negated()) });
    }
    const rounding = dec(d.rounding_adjustment);
    if (!rounding.isZero()) totals.push({ label: L.rounding, value: m(rounding) });
    if (!withholding.isZero() || !rounding.isZero())
      totals.push({ label: L.payable, value: mc(d.payable_total), strong: true });
    if (cur !== 'EUR' && d.currency_total) {
      totals.push({ label: L.totalIn(cur), value: f.withCurrency(m(d.currency_total), cur, lang) });
      if (d.exchange_rate)
        totals.push({ label: L.exchangeRate, value: `1 € = ${f.formatNumber(d.exchange_rate, lang, 2, 6)} ${cur}` });
    }
  }

  const payment: LabelValue[] = [];
  if (src.paymentMethod && (info.family === 'invoice' || isReceipt))
    payment.push({ label: L.paymentMethod, value: src.paymentMethod });
  if (d.due_date && info.receivable) payment.push({ label: L.dueDate, value: f.date(d.due_date, lang) });
  // NOTE: D8632 §2.2.15 — a re-print keeps the original's content, so nothing that changes after issue (the open
  // balance after payments) is printed.
  if (info.settledOnIssue && d.status === 'final') payment.push({ label: L.paid, value: mc(d.payable_total) });

  const headerNotices: string[] = [];
  const footerNotices: string[] = [];
  for (const n of marks.notices) {
    if (n === NOT_AN_INVOICE) headerNotices.push(L.notAnInvoice ? `${n} (${L.notAnInvoice})` : n);
    else footerNotices.push(n);
  }

  const model: PdfModel = {
    version: RENDERER_VERSION,
    lang,
    title: info.names[lang],
    number: d.doc_no ?? '',
    createdAt: d.system_entry_date ?? `${d.doc_date}T00:00:00`,
    modifiedAt: d.status_date ?? d.system_entry_date ?? `${d.doc_date}T00:00:00`,
    author: seller.legalName ?? seller.name ?? '',
    cancelled:
      d.status === 'cancelled'
        ? { label: L.cancelled, reason: d.cancel_reason ? `${L.reason}: ${d.cancel_reason}` : '' }
        : null,
    logo: src.logo ? { sha256: src.logo.sha256, contentType: src.logo.contentType } : null,
    seller: { name: seller.name ?? '', lines: sellerLines },
    customer: { title: L.customer, name: c.name, lines: customerLines },
    dates,
    references,
    transport,
    table: isReceipt ? 'settlements' : 'lines',
    columns: { amount: d.vat_included ? L.grossAmount : L.netAmount },
    lines: isReceipt ? [] : lines,
    settled,
    taxSummary,
    exemptions,
    totals,
    payment,
    observations: d.observations?.trim() || null,
    atcudLine: marks.atcudLine,
    qrPayload: marks.qrPayload,
    certification: marks.certification,
    headerNotices,
    footerNotices,
    watermark: view.account.sandbox ? SANDBOX_MARK[lang] : null,
  };
  return model;
}

/** Identifies a render: the model (with the renderer version) and the logo's bytes by hash. */
export function sourceHash(model: PdfModel): string {
  return createHash('sha256').update(JSON.stringify(model)).digest('hex');
}
