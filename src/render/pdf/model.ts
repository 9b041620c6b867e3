import { createHash } from 'node:crypto';
import type { PdfSource } from '../../app/pdf/load-pdf-source.js';
import {
  type IssuedAddress,
  type IssuedLine,
  type IssuedParty,
  issuedDocumentMarks,
  externalReferences,
  referencedDocuments,
} from '../../domain/documents/issued-document.js';
import { DOC_TYPE_INFO, type Lang } from '../../domain/documents/types.js';
import { opensBalance } from '../../domain/documents/paid-on-issue.js';
import { type Decimal, dec, round2 } from '../../domain/money/decimal.js';
import { lineValue } from '../../domain/totals/line-amounts.js';
import { NOT_AN_INVOICE, SANDBOX_MARK } from '../../domain/pt/legal-marks.js';
import { BE_SANDBOX_MARK, beLang } from '../../domain/be/legal-mentions.js';
import * as f from './format.js';
import { LABELS, type PdfLang, TYPE_NAMES } from './labels.js';

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
  lang: PdfLang;
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

function partyLines(p: Partial<IssuedParty> & IssuedAddress, taxIdLine: string | null): string[] {
  const out: string[] = [];
  if (p.street) out.push(p.street);
  const place = [p.postalCode, p.city].filter(Boolean).join(' ');
  if (place) out.push(place);
  if (p.country && p.country !== 'PT') out.push(p.country);
  if (taxIdLine) out.push(taxIdLine);
  return out;
}

function address(a: IssuedAddress | null): string {
  if (!a) return '';
  return [
    a.street,
    [a.postalCode, a.city].filter(Boolean).join(' '),
    a.country && a.country !== 'PT' ? a.country : null,
  ]
    .filter(Boolean)
    .join(', ');
}

function discountText(l: IssuedLine, lang: PdfLang): string {
  const ds = l.discounts.map((d) => dec(d)).filter((d) => !d.isZero());
  return ds.map((d) => f.percent(d, lang)).join('+');
}

/** qty × price, less the line's own cascaded discounts (the global discount shows in the totals), to the cent. */
function lineAmount(l: IssuedLine): Decimal {
  return round2(
    lineValue({ quantity: dec(l.quantity), unitPrice: dec(l.unitPrice), discounts: l.discounts.map(dec) }).value,
  );
}

export function buildPdfModel(src: PdfSource): PdfModel {
  const d = src.doc;
  // A Belgian seller's documents print in Dutch, French, English or German (French when the language is another).
  const belgian = d.regime === 'BE';
  const lang: PdfLang = belgian
    ? beLang(d.language)
    : ((['pt', 'en', 'fr'].includes(d.language) ? d.language : 'pt') as Lang);
  const L = LABELS[lang];
  const info = DOC_TYPE_INFO[d.type];
  const cur = d.currency;
  const m = (v: string | Decimal) => f.money(v, lang);
  const mc = (v: string | Decimal) => f.withCurrency(m(v), 'EUR', lang);

  // nl and de reach only the Belgian regime's marks, which read any of the four languages.
  const marks = issuedDocumentMarks(d, lang as Lang);
  // NOTE: VAT Directive art. 226 (3), (4) — the supplier's VAT number, and the customer's where it owes the VAT
  // (reverse charge) or receives an intra-community supply: printed as the VAT number.
  const taxIdLabel = belgian ? L.vatNumber : L.taxId;

  const seller = d.seller;
  const sellerLines = partyLines(seller, `${taxIdLabel}: ${seller.taxId ?? d.account.taxId}`);
  if (seller.legalName && seller.legalName !== seller.name) sellerLines.unshift(seller.legalName);
  const contacts = [seller.phone ? `${L.phone} ${seller.phone}` : null, seller.email, seller.website].filter(
    Boolean,
  ) as string[];
  if (contacts.length) sellerLines.push(contacts.join(' · '));
  if (seller.companyRegistry) sellerLines.push(seller.companyRegistry);

  const c = d.customer.snapshot;
  // NOTE: D8632 §2.2.5 — for the final consumer the NIF line is left blank or reads "Consumidor final".
  const customerTaxId =
    !c.taxId || c.taxId === FINAL_CONSUMER_NIF ? `${taxIdLabel}: ${L.finalConsumer}` : `${taxIdLabel}: ${c.taxId}`;
  const customerLines = partyLines(c, customerTaxId);
  if (c.code && c.taxId !== FINAL_CONSUMER_NIF) customerLines.push(`${L.customerCode}: ${c.code}`);

  const dates: LabelValue[] = [{ label: L.date, value: f.date(d.date, lang) }];
  if (d.dueDate) dates.push({ label: L.dueDate, value: f.date(d.dueDate, lang) });
  if (d.taxPointDate && d.taxPointDate !== d.date)
    dates.push({ label: L.taxPointDate, value: f.date(d.taxPointDate, lang) });
  if (d.systemEntry) dates.push({ label: L.recorded, value: f.dateTime(d.systemEntry, lang) });
  if (d.reference) dates.push({ label: L.yourReference, value: d.reference });

  const references: LabelValue[] = referencedDocuments(d).map((r) => ({
    label: info.rectifies && r.id === d.related?.id ? L.corrects : L.basedOn,
    value: L.ofDate(r.number ?? `#${r.id}`, f.date(r.date, lang)),
  }));
  for (const r of externalReferences(d))
    references.push({ label: L.corrects, value: r.date ? L.ofDate(r.number, f.date(r.date, lang)) : r.number });

  const t = d.transport;
  const transport =
    info.family === 'transport' || t.load || t.unload || t.vehiclePlate
      ? {
          load: [
            { label: L.loadPlace, value: address(t.load) || '—' },
            ...(t.loadAt ? [{ label: L.start, value: f.dateTime(t.loadAt, lang) }] : []),
          ],
          unload: [
            { label: L.unloadPlace, value: address(t.unload) || '—' },
            ...(t.unloadAt ? [{ label: L.end, value: f.dateTime(t.unloadAt, lang) }] : []),
          ],
          other: [
            ...(t.vehiclePlate ? [{ label: L.vehicle, value: t.vehiclePlate }] : []),
            ...(t.shippingMethod ? [{ label: L.shipping, value: t.shippingMethod }] : []),
            ...(t.atCode ? [{ label: L.atCode, value: t.atCode }] : []),
          ],
        }
      : null;

  const lines: LineRow[] = d.lines.map((l) => {
    const value = lineAmount(l);
    return {
      code: l.code,
      description: l.description,
      quantity: f.quantity(l.quantity, lang),
      unit: l.unit,
      unitPrice: f.unitPrice(l.unitPrice, lang),
      discount: discountText(l, lang),
      vat: l.tax.type === 'NS' ? '—' : `${f.percent(l.tax.rate, lang)}%`,
      // A Belgian line shows its VAT category when it is not standard-rated (EN 16931 BT-151).
      exemptionCode: belgian
        ? l.vatCategory && l.vatCategory !== 'S'
          ? l.vatCategory
          : null
        : (l.exemption?.code ?? null),
      amount: m(value),
      value: value.toFixed(2),
    };
  });

  const settled: SettledRow[] = d.settles.map((s) => ({
    document: s.document.number ?? `#${s.document.id}`,
    date: f.date(s.document.date, lang),
    total: m(s.document.totals.gross),
    amount: m(s.amount),
    value: dec(s.amount).toFixed(2),
  }));

  const exemptionText = new Map<string, string>();
  for (const l of d.lines) if (l.exemption) exemptionText.set(l.exemption.code, l.exemption.reason ?? '');
  // NOTE: VAT Directive art. 226 (11), (11a) — the exemption's legal reference, or the reverse-charge mention, per
  // Belgian category (with its VATEX code when it has one).
  if (belgian)
    for (const l of d.lines)
      if (l.vatCategory && l.vatCategory !== 'S' && l.exemptionReason)
        exemptionText.set(l.vatexCode ? `${l.vatCategory} · ${l.vatexCode}` : l.vatCategory, l.exemptionReason);
  // A 0% group can gather lines of several exemption reasons: name them all.
  const groupCodes = (g: {
    type: string;
    region: string;
    code: string;
    rate: string;
    exemptionCode?: string | null;
  }) => {
    const codes = new Set<string>();
    for (const l of d.lines) {
      if (
        l.exemption &&
        l.tax.type === g.type &&
        l.tax.region === g.region &&
        l.tax.code === g.code &&
        dec(l.tax.rate).eq(g.rate)
      )
        codes.add(l.exemption.code);
    }
    if (codes.size === 0 && g.exemptionCode) codes.add(g.exemptionCode);
    return [...codes].sort().join(', ');
  };
  const taxSummary = d.taxSummary.map((g) =>
    belgian
      ? {
          rate: `${L.vat} ${f.percent(g.rate, lang)}%${g.code === 'S' ? '' : ` (${g.code})`}`,
          base: m(g.base),
          tax: m(g.tax),
          exemption: g.vatexCode ?? '',
        }
      : {
          rate: `${g.type} ${f.percent(g.rate, lang)}%${REGION[g.region] ?? ` (${g.region})`}`,
          base: m(g.base),
          tax: m(g.tax),
          exemption: groupCodes(g),
        },
  );
  const exemptions = [...exemptionText].sort(([a], [b]) => a.localeCompare(b)).map(([code, text]) => ({ code, text }));

  const isReceipt = info.family === 'payment';
  const totals: LabelValue[] = [];
  if (isReceipt) {
    totals.push({ label: L.received, value: mc(d.totals.gross), strong: true });
  } else {
    const discount = dec(d.totals.discount);
    if (!discount.isZero()) {
      const global =
        d.globalDiscount?.kind === 'percent' && d.globalDiscount.value
          ? ` (${L.globalDiscount} ${f.percent(d.globalDiscount.value, lang)}%)`
          : '';
      totals.push({ label: `${L.discounts}${global}`, value: m(discount) });
    }
    totals.push({ label: L.netTotal, value: m(d.totals.net) });
    totals.push({ label: L.vatTotal, value: m(d.totals.tax) });
    totals.push({ label: L.grossTotal, value: mc(d.totals.gross), strong: true });
    // NOTE: D8632 §2.2.7 — withholding is printed in its own field after the gross total, never as a line.
    const withholding = dec(d.totals.withholding);
    if (!withholding.isZero()) {
      const w = d.withholding;
      const rate = w.rate ? ` ${w.type ?? ''} ${f.percent(w.rate, lang)}%` : '';
      totals.push({ label: `${L.withholding}${rate}`.replace(/\s+/g, ' '), value: m(withholding.negated()) });
    }
    const rounding = dec(d.totals.rounding);
    if (!rounding.isZero()) totals.push({ label: L.rounding, value: m(rounding) });
    if (!withholding.isZero() || !rounding.isZero())
      totals.push({ label: L.payable, value: mc(d.totals.payable), strong: true });
    if (cur !== 'EUR' && d.currencyTotal) {
      totals.push({ label: L.totalIn(cur), value: f.withCurrency(m(d.currencyTotal), cur, lang) });
      if (d.exchangeRate)
        totals.push({ label: L.exchangeRate, value: `1 € = ${f.formatNumber(d.exchangeRate, lang, 2, 6)} ${cur}` });
    }
  }

  const payment: LabelValue[] = [];
  if (d.payment.method && (info.family === 'invoice' || isReceipt))
    payment.push({ label: L.paymentMethod, value: d.payment.method });
  if (d.dueDate && opensBalance(d.type, d.payment.settledOnIssue))
    payment.push({ label: L.dueDate, value: f.date(d.dueDate, lang) });
  // NOTE: D8632 §2.2.15 — a re-print keeps the original's content, so nothing that changes after issue (the open
  // balance after payments) is printed.
  if (d.payment.settledOnIssue && d.status === 'final') payment.push({ label: L.paid, value: mc(d.totals.payable) });
  // NOTE: the Belgian structured communication (OGM/VCS) the customer quotes with its transfer (EN 16931 BT-83).
  if (d.payment.reference) payment.push({ label: L.paymentReference, value: d.payment.reference, strong: true });
  // Where to transfer what is still due (the account's bank details now; "IBAN" and "BIC" read the same in every
  // language).
  if (d.account.iban && opensBalance(d.type, d.payment.settledOnIssue)) {
    payment.push({ label: 'IBAN', value: d.account.iban.replace(/(.{4})(?=.)/g, '$1 ') });
    if (d.account.bic) payment.push({ label: 'BIC', value: d.account.bic });
  }

  const headerNotices: string[] = [];
  const footerNotices: string[] = [];
  const sandboxMark = belgian ? BE_SANDBOX_MARK[beLang(lang)] : null;
  for (const n of marks.notices) {
    if (n === NOT_AN_INVOICE) headerNotices.push(L.notAnInvoice ? `${n} (${L.notAnInvoice})` : n);
    // A Belgian document's VAT mentions (reverse charge, exemptions) go under its title, on every page.
    else if (belgian && n !== sandboxMark) headerNotices.push(n);
    else footerNotices.push(n);
  }

  const model: PdfModel = {
    version: RENDERER_VERSION,
    lang,
    title: lang === 'nl' || lang === 'de' ? (TYPE_NAMES[lang][d.type] ?? info.names.en) : info.names[lang],
    number: d.number ?? '',
    createdAt: d.systemEntry ?? `${d.date}T00:00:00`,
    modifiedAt: d.statusDate ?? d.systemEntry ?? `${d.date}T00:00:00`,
    author: seller.legalName ?? seller.name ?? '',
    cancelled:
      d.status === 'cancelled'
        ? { label: L.cancelled, reason: d.cancelReason ? `${L.reason}: ${d.cancelReason}` : '' }
        : null,
    logo: src.logo ? { sha256: src.logo.sha256, contentType: src.logo.contentType } : null,
    seller: { name: seller.name ?? '', lines: sellerLines },
    customer: { title: L.customer, name: c.name, lines: customerLines },
    dates,
    references,
    transport,
    table: isReceipt ? 'settlements' : 'lines',
    columns: { amount: d.vatIncluded ? L.grossAmount : L.netAmount },
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
    watermark: d.account.sandbox ? (sandboxMark ?? SANDBOX_MARK[lang as Lang]) : null,
  };
  return model;
}

/** Identifies a render: the model (with the renderer version) and the logo's bytes by hash. */
export function sourceHash(model: PdfModel): string {
  return createHash('sha256').update(JSON.stringify(model)).digest('hex');
}
