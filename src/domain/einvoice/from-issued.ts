import {
  externalReferences,
  referencedDocuments,
  type IssuedDocument,
  type IssuedLine,
} from '../documents/issued-document.js';
import { DOC_TYPE_INFO } from '../documents/types.js';
import { DomainError } from '../errors.js';
import { type Decimal, HUNDRED, ZERO, dec, round2, roundTo } from '../money/decimal.js';
import { lineValue } from '../totals/line-amounts.js';
import { apportion, total } from './apportion.js';
import { unitCodeOf } from './unit-codes.js';
import { partyIds } from './identifiers.js';
import type {
  AllowanceCharge,
  Einvoice,
  EinvoiceAddress,
  EinvoiceLine,
  EinvoiceParty,
  InvoiceTypeCode,
  VatBreakdown,
  VatCategory,
} from './model.js';
import { ptLineVat, statedLineVat, type LineTaxFacts, type LineVat } from './vat-category.js';

/** What the e-invoice needs that the document does not hold. */
export interface EinvoiceExtras {
  /** The seller's account for credit transfers (BT-84). */
  iban?: string | null;
  /** Its bank's BIC (BT-86), stated with the IBAN. */
  bic?: string | null;
  /**
   * The categories a specification allows, when it allows fewer than EN 16931: the others are stated as exempt (E)
   * with their reason. CIUS-PT requires both parties' VAT ids (BR-CIUS-PT-01..04), which O forbids (BR-O-02), and
   * lists intra-Community supplies as IC where EN 16931 1.3.16 wants K (DT-CIUS-PT-105 vs BR-CL-18).
   */
  categories?: readonly VatCategory[];
  /** State a foreign-currency document in euros, its accounting currency (no BT-6). */
  inEuros?: boolean;
}

/**
 * The EN 16931 type of each invoice-like document. NOTE: EN 16931 BT-3 / UNCL1001: an invoice, invoice-receipt and
 * simplified invoice are commercial invoices (380; CIVA art. 36.º and 40.º make the FS and FR invoices); a credit note
 * is 381 (Peppol P0101) and a debit note 383 (allowed by Peppol P0100 and CIUS-PT DT-CIUS-PT-003).
 */
const TYPE_CODE: Partial<Record<string, InvoiceTypeCode>> = {
  FT: '380',
  FS: '380',
  FR: '380',
  NC: '381',
  ND: '383',
};

/** UNCL4461 payment means (BT-81) of SAF-T payment mechanisms (portugal.md §1.4). */
const MEANS_OF_MECHANISM: Record<string, string> = {
  NU: '10',
  CH: '20',
  CC: '54',
  CD: '55',
  DE: '68',
  CS: '97',
};

const SEPA = new Set(
  'AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK IS LI NO CH GB MC SM VA AD'.split(
    ' ',
  ),
);

export function einvoiceTypeCode(type: string): InvoiceTypeCode | null {
  return TYPE_CODE[type] ?? null;
}

/**
 * A line's EN 16931 category: stated on Belgian lines (and any line that states one), derived from the SAF-T tax and
 * exemption on Portuguese ones.
 */
function lineVat(doc: IssuedDocument, l: IssuedLine): LineVat {
  const facts: LineTaxFacts = {
    tax: l.tax,
    exemption: l.exemption,
    vatCategory: l.vatCategory,
    vatexCode: l.vatexCode,
    exemptionReason: l.exemptionReason,
  };
  return doc.regime === 'PT' && !l.vatCategory ? ptLineVat(facts) : statedLineVat(facts);
}

const vatKey = (v: { category: VatCategory; rate: string | null }) => `${v.category}|${v.rate ?? ''}`;
const fatKey = (t: { type: string; region: string; code: string; rate: string }) =>
  `${t.type}|${t.region}|${t.code}|${dec(t.rate).toFixed(4)}`;
const CENT = dec('0.01');
const amount = (d: Decimal) => round2(d).toFixed(2);
/** Two decimals at least, more when the value has them (CIUS-PT's quantity, price and rate formats want them). */
const atLeast2 = (d: Decimal) => d.toFixed(Math.max(2, d.decimalPlaces()));
const text = (s: string | null | undefined) => (s && s.trim() ? s.trim() : null);

function address(
  a: { street?: string | null; city?: string | null; postalCode?: string | null; country?: string | null },
  country: string,
): EinvoiceAddress {
  return {
    line1: text(a.street),
    city: text(a.city),
    postalCode: text(a.postalCode),
    country: (text(a.country) ?? country).toUpperCase(),
  };
}

/** Refuses what has no e-invoice: drafts (no legal existence yet), cancelled documents, non-invoice types. */
export function checkEinvoiceable(doc: Pick<IssuedDocument, 'id' | 'type' | 'status'>): InvoiceTypeCode {
  const code = einvoiceTypeCode(doc.type);
  if (!code)
    throw new DomainError(
      'validation',
      `A ${DOC_TYPE_INFO[doc.type]?.names.en ?? doc.type} (${doc.type}) has no EN 16931 e-invoice: only invoices (FT), simplified invoices (FS), invoice-receipts (FR), credit notes (NC) and debit notes (ND) have one.`,
      [{ field: 'id', issue: 'invalid', message: `Document type ${doc.type} is not invoice-like.`, value: doc.type }],
    );
  if (doc.status === 'draft')
    throw new DomainError('document_not_final', 'A draft has no e-invoice: finalize it first.', [], { id: doc.id });
  if (doc.status === 'cancelled')
    throw new DomainError('document_already_cancelled', 'A cancelled document has no e-invoice.', [], { id: doc.id });
  return code;
}

interface Group {
  vat: LineVat;
  /** Faturador's base and tax of the group, in EUR. */
  base: Decimal;
  tax: Decimal;
  /** Its lines' exact values before the global discount, net of VAT, in EUR. */
  lines: { index: number; pre: Decimal }[];
  reasons: string[];
  /** In the document currency. */
  baseDoc?: Decimal;
  taxDoc?: Decimal;
}

/**
 * The EN 16931 invoice of a finalized invoice-like document. Totals reconcile to the cent with the document's own:
 * BT-109 is its net total, BT-110 its VAT, BT-112 its gross, BT-115 what is still payable (withholding and payment
 * on issue as paid amounts, the rounding adjustment as BT-114). Each VAT breakdown (BG-23) keeps the document's tax
 * of the rate group, computed on the group total (NOTE: EN 16931 BR-CO-17 and Peppol's vat.adoc compute VAT on the
 * category total as CIVA art. 36.º and portugal.md §9.3 do); line nets are rounded so that they add up to the group
 * base (largest remainder; each within a cent, Peppol R120 allows 0.02), and the global discount is a document
 * allowance per category (BG-20, BR-CO-11).
 */
export function einvoiceFromIssued(doc: IssuedDocument, extras: EinvoiceExtras = {}): Einvoice {
  const typeCode = checkEinvoiceable(doc);
  const foreign = !extras.inEuros && doc.currency !== 'EUR' && !!doc.exchangeRate && dec(doc.exchangeRate).gt(0);
  const k = foreign ? dec(doc.exchangeRate!) : dec(1);
  const inDoc = (eur: Decimal) => eur.times(k);

  // The document's tax groups, by Faturador's key, then by EN 16931 (category, rate).
  const fat = new Map(doc.taxSummary.map((g) => [fatKey(g), g]));
  const groups = new Map<string, Group>();
  const vats = doc.lines.map((l) => lineVat(doc, l));
  const pres: Decimal[] = [];
  const splitBase = new Map<string, Map<string, Decimal>>();
  doc.lines.forEach((l, i) => {
    const rate = dec(l.tax.rate);
    let pre = lineValue({
      quantity: dec(l.quantity),
      unitPrice: dec(l.unitPrice),
      discounts: l.discounts.map(dec),
    }).value;
    if (doc.vatIncluded) pre = pre.div(HUNDRED.plus(rate).div(HUNDRED));
    pres.push(pre);
    const key = vatKey(vats[i]);
    const g = groups.get(key) ?? { vat: vats[i], base: ZERO, tax: ZERO, lines: [], reasons: [] };
    g.lines.push({ index: i, pre });
    const reason = vats[i].exemptionReason;
    if (reason && !g.reasons.includes(reason)) g.reasons.push(reason);
    groups.set(key, g);
    const fk = fatKey(l.tax);
    const byEn = splitBase.get(fk) ?? new Map<string, Decimal>();
    byEn.set(key, (byEn.get(key) ?? ZERO).plus(dec(l.amounts.net)));
    splitBase.set(fk, byEn);
  });
  // A Faturador group's base and tax go to the EN 16931 groups of its lines (one, unless a regime states different
  // categories under one tax), split in proportion to their nets.
  for (const [fk, byEn] of splitBase) {
    const g = fat.get(fk);
    if (!g) throw new Error(`Document ${doc.id}: no tax group ${fk} for its lines`);
    const keys = [...byEn.keys()];
    const nets = keys.map((key) => byEn.get(key)!);
    const netSum = total(nets);
    const share = (v: Decimal) =>
      apportion(
        nets.map((n) => (netSum.isZero() ? ZERO : v.times(n).div(netSum))),
        v,
      );
    const bases = keys.length === 1 ? [dec(g.base)] : share(dec(g.base));
    const taxes = keys.length === 1 ? [dec(g.tax)] : share(dec(g.tax));
    keys.forEach((key, j) => {
      const en = groups.get(key)!;
      en.base = en.base.plus(bases[j]);
      en.tax = en.tax.plus(taxes[j]);
    });
  }

  // NOTE: EN 16931 BR-O-11..14: an invoice with an "outside scope" (O) line has no other category; a document mixing
  // them states those lines as exempt (E) with their reason instead, as it does any category the profile refuses.
  for (const [key, g] of [...groups]) {
    const refused = extras.categories && !extras.categories.includes(g.vat.category);
    if (!refused && !(g.vat.category === 'O' && groups.size > 1)) continue;
    groups.delete(key);
    const reason =
      g.reasons.join('; ') || (g.vat.category === 'O' ? 'Não sujeito / not subject to VAT' : g.vat.category);
    const asExempt: LineVat = { category: 'E', rate: '0.00', exemptionCode: null, exemptionReason: reason };
    const e = groups.get('E|0.00');
    if (e) {
      e.base = e.base.plus(g.base);
      e.tax = e.tax.plus(g.tax);
      e.lines.push(...g.lines);
      if (!e.reasons.includes(reason)) e.reasons.push(reason);
    } else groups.set('E|0.00', { ...g, vat: asExempt, reasons: [reason] });
    for (const { index } of g.lines) vats[index] = asExempt;
  }
  const enGroups = [...groups.values()];
  const outsideScope = enGroups.length === 1 && enGroups[0].vat.category === 'O';

  // Group bases and taxes in the document currency, adding up to its net and gross.
  const netEur = dec(doc.totals.net);
  const grossEur = dec(doc.totals.gross);
  const netDoc = foreign ? round2(inDoc(netEur)) : netEur;
  const grossDoc = foreign && doc.currencyTotal ? dec(doc.currencyTotal) : foreign ? round2(inDoc(grossEur)) : grossEur;
  const basesDoc = foreign
    ? apportion(
        enGroups.map((g) => inDoc(g.base)),
        netDoc,
      )
    : enGroups.map((g) => g.base);
  const taxesDoc = foreign
    ? apportion(
        enGroups.map((g) => inDoc(g.tax)),
        grossDoc.minus(netDoc),
      )
    : enGroups.map((g) => g.tax);

  const hasGlobalDiscount = !!doc.globalDiscount && !dec(doc.globalDiscount.value).isZero();
  const lineNets: Decimal[] = new Array(doc.lines.length);
  const docAllowances: AllowanceCharge[] = [];
  enGroups.forEach((g, gi) => {
    g.baseDoc = basesDoc[gi];
    g.taxDoc = taxesDoc[gi];
    const exact = g.lines.map((l) => inDoc(l.pre));
    const own = round2(total(exact));
    // Without a global discount the lines take the few cents their rounding left (each within a cent); what is
    // more — a converted total that amplifies the euro rounding — is a rounding allowance or charge.
    const fold = !hasGlobalDiscount && own.minus(g.baseDoc).abs().lte(CENT.times(exact.length));
    const target = fold ? g.baseDoc : own;
    apportion(exact, target).forEach((v, j) => (lineNets[g.lines[j].index] = v));
    const allowance = target.minus(g.baseDoc);
    const discount = hasGlobalDiscount && allowance.gt(0);
    if (!allowance.isZero())
      docAllowances.push({
        charge: allowance.lt(0),
        amount: amount(allowance.abs()),
        reasonCode: discount ? '95' : null,
        reason: discount ? 'Discount' : 'Rounding',
        vat: { category: g.vat.category, rate: g.vat.rate },
      });
  });

  const lines: EinvoiceLine[] = doc.lines.map((l, i) => {
    const rate = dec(l.tax.rate);
    let price = dec(l.unitPrice);
    if (doc.vatIncluded) price = price.div(HUNDRED.plus(rate).div(HUNDRED));
    price = roundTo(inDoc(price), 6);
    const quantity = dec(l.quantity);
    const allowances: AllowanceCharge[] = [];
    const gross = round2(quantity.times(price));
    const discount = gross.minus(lineNets[i]);
    if (l.discounts.some((d) => !dec(d).isZero()) && discount.gt(0))
      allowances.push({ charge: false, amount: amount(discount), reasonCode: '95', reason: 'Discount' });
    return {
      id: String(l.position),
      quantity: atLeast2(quantity),
      unitCode: unitCodeOf(l.unit),
      net: amount(lineNets[i]),
      name: text(l.description) ?? text(l.code) ?? `Line ${l.position}`,
      sellerItemId: text(l.code),
      price: atLeast2(price),
      allowances,
      exemption:
        vats[i].exemptionReason || vats[i].exemptionCode
          ? { code: l.exemption?.code ?? vats[i].exemptionCode, reason: vats[i].exemptionReason }
          : null,
      vat: { category: vats[i].category, rate: vats[i].rate },
    };
  });

  const vat: VatBreakdown[] = enGroups.map((g) => ({
    category: g.vat.category,
    rate: g.vat.rate,
    taxable: amount(g.baseDoc!),
    tax: amount(g.taxDoc!),
    exemptionCode: g.vat.exemptionCode,
    exemptionReason: g.reasons.length ? g.reasons.join('; ') : g.vat.exemptionReason,
  }));

  const lineNet = total(lineNets);
  const allowanceTotal = total(docAllowances.filter((a) => !a.charge).map((a) => dec(a.amount)));
  const chargeTotal = total(docAllowances.filter((a) => a.charge).map((a) => dec(a.amount)));
  const taxDoc = grossDoc.minus(netDoc);
  const withholding = foreign ? round2(inDoc(dec(doc.totals.withholding))) : dec(doc.totals.withholding);
  const rounding = foreign ? round2(inDoc(dec(doc.totals.rounding))) : dec(doc.totals.rounding);
  const payableAtIssue = grossDoc.minus(withholding).plus(rounding);
  // NOTE: the tax withheld at source (CIRS art. 101.º, CIRC art. 94.º) is paid by the customer to the State on the
  // seller's behalf, so it is stated as already paid (BT-113) and BT-115 is what the customer pays the seller.
  const prepaid = withholding.plus(doc.payment.settledOnIssue ? payableAtIssue : ZERO);
  const payable = grossDoc.minus(prepaid).plus(rounding);

  const seller = party(doc.seller, doc.seller.country, outsideScope);
  const buyerSnap = doc.customer.snapshot;
  const buyer = party(buyerSnap, buyerSnap.country, outsideScope);
  buyer.contact =
    text(buyerSnap.email) || text(buyerSnap.phone)
      ? { name: text(buyerSnap.name), phone: text(buyerSnap.phone), email: text(buyerSnap.email) }
      : null;
  seller.contact =
    text(doc.seller.email) || text(doc.seller.phone)
      ? { name: null, phone: text(doc.seller.phone), email: text(doc.seller.email) }
      : null;

  const preceding = [
    ...referencedDocuments(doc)
      .filter((r) => r.number && einvoiceTypeCode(r.type) && r.type !== 'NC')
      .map((r) => ({ number: r.number!, date: r.date })),
    ...externalReferences(doc).map((r) => ({ number: r.number, date: r.date ?? null })),
  ];

  const hasK = enGroups.some((g) => g.vat.category === 'K');
  const unload = doc.transport.unload;
  const deliveryDate = doc.transport.unloadAt?.slice(0, 10) ?? (hasK ? (doc.taxPointDate ?? doc.date) : null);
  const delivery = {
    date: deliveryDate,
    address: unload && (unload.street || unload.city) ? address(unload, buyer.address.country) : { ...buyer.address },
  };

  const iban = text(extras.iban)?.replace(/\s+/g, '').toUpperCase() ?? null;
  const paymentRef = text(doc.payment.reference);
  const mechanism = doc.payment.mechanism ?? null;
  let meansCode: string | null = mechanism ? (MEANS_OF_MECHANISM[mechanism] ?? 'ZZZ') : null;
  if (iban && (!mechanism || mechanism === 'TB')) meansCode = SEPA.has(iban.slice(0, 2)) ? '58' : '30';
  else if (mechanism === 'TB') meansCode = '1';
  if (!meansCode && paymentRef) meansCode = '1';
  const payment = meansCode
    ? {
        meansCode,
        paymentId: paymentRef,
        iban: meansCode === '58' || meansCode === '30' ? iban : null,
        bic: meansCode === '58' || meansCode === '30' ? (text(extras.bic)?.toUpperCase() ?? null) : null,
      }
    : null;

  const notes = [text(doc.observations)].filter((n): n is string => !!n);
  const withholdingNote = !withholding.isZero()
    ? `Retenção na fonte / withholding tax${doc.withholding.rate ? ` ${dec(doc.withholding.rate).toFixed()} %` : ''}: ${amount(withholding)} ${foreign ? doc.currency : 'EUR'}`
    : null;

  return {
    kind: typeCode === '381' ? 'credit-note' : 'invoice',
    typeCode,
    number: doc.number ?? String(doc.id),
    issueDate: doc.date,
    dueDate: doc.dueDate,
    taxPointDate: doc.taxPointDate && doc.taxPointDate !== doc.date ? doc.taxPointDate : null,
    currency: foreign ? doc.currency : 'EUR',
    taxCurrency: foreign ? 'EUR' : null,
    notes,
    withholding: withholdingNote
      ? { amount: amount(withholding), type: doc.withholding.type ?? 'IRS', note: withholdingNote }
      : null,
    buyerReference: text(doc.reference),
    orderReference: text(doc.reference),
    preceding,
    seller: { ...seller, tradeName: text(doc.seller.tradeName) },
    buyer,
    delivery,
    payment,
    // NOTE: CIUS-PT 2.1.1 keeps BR-CO-25 (removed from EN 16931 in 1.3.16): an amount due needs a due date or terms;
    // without a due date an invoice is payable on receipt.
    paymentTerms: !doc.dueDate && payable.gt(0) ? 'Pagamento a pronto / payable on receipt' : null,
    allowancesCharges: docAllowances,
    vat,
    totals: {
      lineNet: amount(lineNet),
      allowances: docAllowances.some((a) => !a.charge) ? amount(allowanceTotal) : null,
      charges: docAllowances.some((a) => a.charge) ? amount(chargeTotal) : null,
      taxExclusive: amount(netDoc),
      tax: amount(taxDoc),
      taxInclusive: amount(grossDoc),
      prepaid: prepaid.isZero() ? null : amount(prepaid),
      rounding: rounding.isZero() ? null : amount(rounding),
      payable: amount(payable),
      taxInAccountingCurrency: foreign ? amount(dec(doc.totals.tax)) : null,
    },
    lines,
  };
}

/**
 * NOTE: EN 16931 BR-O-02/BR-O-03/BR-O-04: an invoice whose only category is O carries no VAT identifier of the
 * seller or the buyer; the legal registration id (BT-30, BR-CO-26) identifies the seller instead.
 */
function party(
  p: {
    name: string;
    legalName?: string;
    taxId: string;
    street?: string | null;
    city?: string | null;
    postalCode?: string | null;
    country?: string | null;
  },
  country: string,
  outsideScope: boolean,
): EinvoiceParty {
  const ids = partyIds(country, p.taxId);
  return {
    name: text(p.legalName) ?? p.name,
    endpoint: ids.endpoint,
    vatId: outsideScope ? null : ids.vatId,
    legalId: ids.legalId,
    address: address(p, country),
  };
}
