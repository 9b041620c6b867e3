// IssuedDocument fixtures for the e-invoice tests, their amounts computed by the domain's own totals (computeTotals),
// as finalize stores them.
import type { IssuedDocument, IssuedLine } from '../../src/domain/documents/issued-document.js';
import type { DocType } from '../../src/domain/documents/types.js';
import { dec } from '../../src/domain/money/decimal.js';
import { computeTotals } from '../../src/domain/totals/compute.js';

export interface FixtureLine {
  quantity: string;
  price: string;
  rate: string;
  /** SAF-T tax code (NOR, RED, INT, ISE…); ISE when the rate is 0 and none given. */
  code?: string;
  type?: 'IVA' | 'IS' | 'NS';
  exemption?: { code: string; reason: string };
  discounts?: [string, string, string];
  /** BE lines: the stated EN 16931 category, VATEX code and reason. */
  category?: string;
  vatex?: string;
  reason?: string;
  description?: string;
  unit?: string;
}

export interface FixtureOptions {
  type?: DocType;
  seller?: 'PT' | 'BE';
  customer?: {
    name?: string;
    taxId: string;
    country: string;
    email?: string;
    street?: string;
    city?: string;
    postalCode?: string;
  };
  lines: FixtureLine[];
  vatIncluded?: boolean;
  globalDiscount?: { kind: 'percent' | 'amount'; value: string };
  withholdingRate?: string;
  rounding?: string;
  currency?: string;
  exchangeRate?: string;
  reference?: string;
  related?: { number: string; date: string };
  settledOnIssue?: boolean;
  mechanism?: string;
  paymentReference?: string;
  unload?: { street: string; city: string; postalCode: string; country: string };
  unloadAt?: string;
  observations?: string;
  number?: string;
}

export const PT_SELLER = {
  name: 'Faturador Demo, Lda',
  legalName: 'Faturador Demo, Lda',
  tradeName: 'Faturador Demo',
  taxId: '508025338',
  country: 'PT',
  street: 'Rua Augusta 1',
  postalCode: '1100-048',
  city: 'Lisboa',
  email: 'faturas@demo.pt',
  phone: '+351210000000',
};

export const BE_SELLER = {
  name: 'Seller BV',
  legalName: 'Seller BV',
  taxId: 'BE0412345614',
  country: 'BE',
  street: 'Wetstraat 1',
  postalCode: '1000',
  city: 'Brussel',
  email: 'billing@seller.be',
};

export const PT_CUSTOMER = {
  name: 'Cliente Exemplo SA',
  taxId: '503504564',
  country: 'PT',
  street: 'Avenida da Liberdade 10',
  postalCode: '1250-096',
  city: 'Lisboa',
  email: 'compras@cliente.pt',
};

export const BE_CUSTOMER = {
  name: 'Buyer NV',
  taxId: 'BE0765432146',
  country: 'BE',
  street: 'Meir 10',
  postalCode: '2000',
  city: 'Antwerpen',
  email: 'ap@buyer.be',
};

export function issuedFixture(o: FixtureOptions): IssuedDocument {
  const seller = o.seller === 'BE' ? BE_SELLER : PT_SELLER;
  const customer = o.customer ?? (o.seller === 'BE' ? BE_CUSTOMER : PT_CUSTOMER);
  const type = o.type ?? 'FT';
  const taxOf = (l: FixtureLine) => ({
    type: l.type ?? 'IVA',
    region: o.seller === 'BE' ? 'BE' : 'PT',
    code: l.category ?? l.code ?? (dec(l.rate).isZero() ? 'ISE' : 'NOR'),
    rate: dec(l.rate),
  });
  const t = computeTotals({
    lines: o.lines.map((l) => ({
      quantity: dec(l.quantity),
      unitPrice: dec(l.price),
      discounts: (l.discounts ?? ['0', '0', '0']).map(dec),
      tax: taxOf(l) as never,
    })),
    vatIncluded: !!o.vatIncluded,
    globalDiscount: o.globalDiscount ? { kind: o.globalDiscount.kind, value: dec(o.globalDiscount.value) } : undefined,
    withholdingRate: o.withholdingRate ? dec(o.withholdingRate) : undefined,
    roundingAdjustment: o.rounding ? dec(o.rounding) : undefined,
  });
  const lines = o.lines.map((l, i) => {
    const tax = taxOf(l);
    const a = t.lines[i];
    return {
      id: i + 1,
      position: i + 1,
      itemId: null,
      code: `P${i + 1}`,
      description: l.description ?? `Item ${i + 1}`,
      productType: 'P',
      quantity: l.quantity,
      unit: l.unit ?? 'UN',
      unitPrice: l.price,
      discounts: l.discounts ?? ['0', '0', '0'],
      tax: { id: null, type: tax.type, region: tax.region, code: tax.code, rate: l.rate },
      exemption: l.exemption ?? null,
      vatCategory: l.category ?? null,
      vatexCode: l.vatex ?? null,
      exemptionReason: l.reason ?? l.exemption?.reason ?? null,
      amounts: {
        net: a.net.toFixed(),
        unitNetPrice: a.unitNet.toFixed(),
        discount: a.discount.toFixed(),
        netTotal: a.netRounded.toFixed(2),
        taxTotal: a.tax.toFixed(2),
        grossTotal: a.gross.toFixed(2),
      },
      origin: null,
      externalReference: null,
    } as IssuedLine;
  });
  const payable = t.payableTotal;
  const settled = o.settledOnIssue ?? type === 'FR';
  return {
    id: 41,
    accountId: 1,
    type,
    status: 'final',
    number: o.number ?? `${type} A/7`,
    sequence: 7,
    series: { id: 1, code: 'A', kind: 'N' },
    atcud: null,
    signature: { hash: null, hashControl: null, keyVersion: null, printed: '' },
    date: '2026-03-02',
    dueDate: '2026-04-01',
    taxPointDate: null,
    systemEntry: '2026-03-02 10:00:00',
    statusDate: '2026-03-02 10:00:00',
    cancelReason: null,
    userId: null,
    language: 'pt',
    currency: o.currency ?? 'EUR',
    exchangeRate: o.exchangeRate ?? null,
    currencyTotal: o.exchangeRate ? t.grossTotal.times(o.exchangeRate).toDecimalPlaces(2).toFixed(2) : null,
    regime: o.seller === 'BE' ? 'BE' : 'PT',
    account: { taxId: seller.taxId, country: seller.country, certNo: 0, sandbox: true },
    seller,
    customer: { snapshot: customer, contactId: 3, masterCode: 'C1' },
    reference: o.reference ?? null,
    observations: o.observations ?? null,
    vatIncluded: !!o.vatIncluded,
    globalDiscount: o.globalDiscount ?? null,
    withholding: { type: o.withholdingRate ? 'IRS' : null, rate: o.withholdingRate ?? null },
    lines,
    taxSummary: t.taxGroups.map((g) => ({
      type: g.type,
      region: g.region,
      code: g.code,
      rate: g.rate.toFixed(),
      base: g.base.toFixed(2),
      tax: g.tax.toFixed(2),
      exemptionCode: o.lines.find((l) => taxOf(l).code === g.code && dec(l.rate).eq(g.rate))?.exemption?.code ?? null,
    })),
    totals: {
      net: t.netTotal.toFixed(2),
      tax: t.taxTotal.toFixed(2),
      gross: t.grossTotal.toFixed(2),
      discount: t.discountTotal.toFixed(2),
      withholding: t.withholdingAmount.toFixed(2),
      rounding: t.roundingAdjustment.toFixed(2),
      payable: payable.toFixed(2),
    },
    payment: {
      methodId: o.mechanism ? 1 : null,
      method: o.mechanism ?? null,
      mechanism: o.mechanism ?? null,
      openBalance: settled ? '0.00' : payable.toFixed(2),
      paid: settled,
      settledOnIssue: settled,
      reference: o.paymentReference ?? null,
    },
    transport: {
      load: null,
      unload: o.unload ?? null,
      loadAt: null,
      unloadAt: o.unloadAt ?? null,
      vehiclePlate: null,
      shippingMethod: null,
      atCode: null,
    },
    related: o.related ? { id: 40, type: 'FT', number: o.related.number, date: o.related.date } : null,
    settles: [],
  } as unknown as IssuedDocument;
}
