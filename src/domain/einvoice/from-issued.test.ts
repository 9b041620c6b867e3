import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { IssuedDocument } from '../documents/issued-document.js';
import { DomainError } from '../errors.js';
import { type Decimal, dec, sum } from '../money/decimal.js';
import { BE_CUSTOMER, issuedFixture, type FixtureLine } from '../../../test/einvoice/issued-fixtures.js';
import { einvoiceFromIssued } from './from-issued.js';
import type { Einvoice } from './model.js';

const total = (xs: (string | null | undefined)[]): Decimal => sum(xs.filter((x): x is string => !!x).map(dec));

/** Every EN 16931 sum rule (BR-CO-10…16, BR-*-08) holds exactly, and the totals are the document's. */
function assertReconciles(inv: Einvoice, doc: IssuedDocument) {
  const t = inv.totals;
  assert.equal(total(inv.lines.map((l) => l.net)).toFixed(2), t.lineNet, 'BR-CO-10');
  const allow = inv.allowancesCharges.filter((a) => !a.charge).map((a) => a.amount);
  const charge = inv.allowancesCharges.filter((a) => a.charge).map((a) => a.amount);
  assert.equal(total(allow).toFixed(2), t.allowances ?? '0.00', 'BR-CO-11');
  assert.equal(total(charge).toFixed(2), t.charges ?? '0.00', 'BR-CO-12');
  assert.equal(dec(t.lineNet).minus(total(allow)).plus(total(charge)).toFixed(2), t.taxExclusive, 'BR-CO-13');
  assert.equal(total(inv.vat.map((v) => v.tax)).toFixed(2), t.tax, 'BR-CO-14');
  assert.equal(dec(t.taxExclusive).plus(t.tax).toFixed(2), t.taxInclusive, 'BR-CO-15');
  assert.equal(
    dec(t.taxInclusive)
      .minus(t.prepaid ?? 0)
      .plus(t.rounding ?? 0)
      .toFixed(2),
    t.payable,
    'BR-CO-16',
  );
  for (const v of inv.vat) {
    const same = (x: { category: string; rate: string | null } | null | undefined) =>
      !!x && x.category === v.category && x.rate === v.rate;
    const lines = total(inv.lines.filter((l) => same(l.vat)).map((l) => l.net));
    const a = total(inv.allowancesCharges.filter((x) => !x.charge && same(x.vat)).map((x) => x.amount));
    const c = total(inv.allowancesCharges.filter((x) => x.charge && same(x.vat)).map((x) => x.amount));
    assert.equal(lines.minus(a).plus(c).toFixed(2), v.taxable, `BR-${v.category}-08 ${v.category} ${v.rate}`);
  }
  if (doc.currency === 'EUR') {
    assert.equal(t.taxExclusive, doc.totals.net);
    assert.equal(t.tax, doc.totals.tax);
    assert.equal(t.taxInclusive, doc.totals.gross);
    const paidOnIssue = doc.payment.settledOnIssue;
    assert.equal(t.payable, paidOnIssue ? dec(doc.totals.rounding).toFixed(2) : doc.totals.payable);
  }
  for (const l of inv.lines) {
    // Peppol R120: net = quantity × price − allowances within 0.02.
    const expected = dec(l.quantity)
      .times(l.price)
      .minus(total(l.allowances.map((a) => a.amount)));
    assert.ok(expected.minus(l.net).abs().lte(0.02), `line ${l.id}: ${expected} vs ${l.net}`);
  }
}

test('a Belgian invoice at 21 % and 6 %: 380, 0208 addresses, BE VAT ids, OGM reference with the IBAN', () => {
  const doc = issuedFixture({
    seller: 'BE',
    lines: [
      { quantity: '10', price: '75', rate: '21', category: 'S' },
      { quantity: '2', price: '12.5', rate: '6', category: 'S' },
    ],
    paymentReference: '+++123/4567/89002+++',
    mechanism: 'TB',
  });
  const inv = einvoiceFromIssued(doc, { iban: 'BE68 5390 0754 7034', bic: 'gebabebb' });
  assert.equal(inv.typeCode, '380');
  assert.deepEqual(inv.seller.endpoint, { id: '0412345614', scheme: '0208' });
  assert.equal(inv.seller.vatId, 'BE0412345614');
  assert.deepEqual(inv.buyer.endpoint, { id: '0765432146', scheme: '0208' });
  assert.deepEqual(inv.payment, {
    meansCode: '58',
    paymentId: '+++123/4567/89002+++',
    iban: 'BE68539007547034',
    bic: 'GEBABEBB',
  });
  assert.deepEqual(
    inv.vat.map((v) => [v.category, v.rate, v.taxable, v.tax]),
    [
      ['S', '21.00', '750.00', '157.50'],
      ['S', '6.00', '25.00', '1.50'],
    ],
  );
  assert.equal(inv.totals.payable, '934.00');
  assertReconciles(inv, doc);
});

test('Belgian categories as stated on the lines: Z, E with its reason, AE, K (delivery date and country), G', () => {
  const cases: [FixtureLine, string, string | null][] = [
    [{ quantity: '1', price: '10', rate: '0', category: 'Z' }, 'Z', null],
    [{ quantity: '1', price: '10', rate: '0', category: 'E', reason: 'Art. 44 WBTW' }, 'E', null],
    [
      { quantity: '1', price: '10', rate: '0', category: 'AE', vatex: 'VATEX-EU-AE', reason: 'Verlegging' },
      'AE',
      'VATEX-EU-AE',
    ],
    [{ quantity: '1', price: '10', rate: '0', category: 'K', vatex: 'VATEX-EU-IC' }, 'K', 'VATEX-EU-IC'],
    [{ quantity: '1', price: '10', rate: '0', category: 'G', vatex: 'VATEX-EU-G' }, 'G', 'VATEX-EU-G'],
  ];
  for (const [line, category, vatex] of cases) {
    const doc = issuedFixture({ seller: 'BE', lines: [line] });
    const inv = einvoiceFromIssued(doc);
    assert.equal(inv.vat[0].category, category);
    assert.equal(inv.vat[0].exemptionCode ?? null, vatex);
    if (category === 'E') assert.equal(inv.vat[0].exemptionReason, 'Art. 44 WBTW');
    if (category === 'K') {
      assert.equal(inv.delivery?.date, doc.date, 'BR-IC-11');
      assert.equal(inv.delivery?.address?.country, 'BE', 'BR-IC-12');
    }
    assertReconciles(inv, doc);
  }
});

test('Portuguese categories from the SAF-T tax and exemption codes (S, G, K, AE, E; O alone drops VAT ids)', () => {
  const ex = (code: string, reason: string): FixtureLine => ({
    quantity: '1',
    price: '50',
    rate: '0',
    exemption: { code, reason },
  });
  const mapped = (l: FixtureLine) => einvoiceFromIssued(issuedFixture({ lines: [l] })).vat[0];
  assert.equal(mapped({ quantity: '1', price: '10', rate: '23' }).category, 'S');
  assert.deepEqual(
    [
      ex('M05', 'Isento artigo 14.º do CIVA'),
      ex('M16', 'Isento artigo 14.º do RITI'),
      ex('M40', 'IVA - autoliquidação'),
    ]
      .map(mapped)
      .map((v) => [v.category, v.exemptionCode]),
    [
      ['G', 'VATEX-EU-G'],
      ['K', 'VATEX-EU-IC'],
      ['AE', 'VATEX-EU-AE'],
    ],
  );
  const e = mapped(ex('M07', 'Isento artigo 9.º do CIVA'));
  assert.deepEqual([e.category, e.rate, e.exemptionReason], ['E', '0.00', 'Isento artigo 9.º do CIVA']);

  const outside = einvoiceFromIssued(issuedFixture({ lines: [ex('M99', 'Não sujeito ou não tributado')] }));
  assert.deepEqual([outside.vat[0].category, outside.vat[0].rate], ['O', null]);
  assert.equal(outside.seller.vatId, null, 'BR-O-02');
  assert.equal(outside.buyer.vatId, null, 'BR-O-02');
  assert.equal(outside.seller.legalId?.id, '508025338', 'BR-CO-26');

  const mixed = einvoiceFromIssued(
    issuedFixture({ lines: [{ quantity: '1', price: '10', rate: '23' }, ex('M99', 'Não sujeito ou não tributado')] }),
  );
  assert.deepEqual(
    mixed.vat.map((v) => v.category),
    ['S', 'E'],
    'BR-O-11: O never beside another category',
  );
  assert.equal(mixed.seller.vatId, 'PT508025338');
  assert.deepEqual(mixed.seller.endpoint, { id: 'PT508025338', scheme: '9946' });
});

test('line discounts are line allowances, the global discount a document allowance per VAT category', () => {
  const doc = issuedFixture({
    lines: [
      { quantity: '3', price: '10.333', rate: '23', discounts: ['10', '5', '0'] },
      { quantity: '7', price: '1.99', rate: '6' },
      { quantity: '1', price: '100', rate: '0', exemption: { code: 'M07', reason: 'Isento artigo 9.º do CIVA' } },
    ],
    globalDiscount: { kind: 'percent', value: '7.5' },
  });
  const inv = einvoiceFromIssued(doc);
  assert.equal(inv.lines[0].allowances.length, 1);
  assert.equal(inv.lines[1].allowances.length, 0);
  assert.deepEqual(
    inv.allowancesCharges.map((a) => [a.charge, a.vat?.category, a.vat?.rate]),
    [
      [false, 'S', '23.00'],
      [false, 'S', '6.00'],
      [false, 'E', '0.00'],
    ],
  );
  assertReconciles(inv, doc);
});

test('withholding is paid on the seller’s behalf (BT-113) and BT-115 is the document’s payable; an FR is all paid', () => {
  const doc = issuedFixture({ lines: [{ quantity: '1', price: '1000', rate: '23' }], withholdingRate: '25' });
  const inv = einvoiceFromIssued(doc);
  assert.equal(doc.totals.payable, '980.00');
  assert.deepEqual([inv.totals.prepaid, inv.totals.payable], ['250.00', '980.00']);
  assert.match(inv.withholding!.note, /250\.00 EUR/);
  assertReconciles(inv, doc);

  const fr = issuedFixture({ type: 'FR', lines: [{ quantity: '2', price: '5', rate: '23' }], mechanism: 'NU' });
  const paid = einvoiceFromIssued(fr);
  assert.deepEqual([paid.typeCode, paid.totals.prepaid, paid.totals.payable], ['380', '12.30', '0.00']);
  assert.equal(paid.payment?.meansCode, '10');
});

test('credit note 381 and debit note 383 name the corrected invoice (BG-3)', () => {
  const related = { number: 'FT A/3', date: '2026-02-10' };
  const nc = einvoiceFromIssued(
    issuedFixture({ type: 'NC', related, lines: [{ quantity: '1', price: '10', rate: '23' }] }),
  );
  assert.deepEqual([nc.kind, nc.typeCode, nc.preceding], ['credit-note', '381', [related]]);
  const nd = einvoiceFromIssued(
    issuedFixture({ type: 'ND', related, lines: [{ quantity: '1', price: '10', rate: '23' }] }),
  );
  assert.deepEqual([nd.kind, nd.typeCode, nd.preceding], ['invoice', '383', [related]]);
});

test('foreign currency: amounts in the document currency adding up to its gross, VAT also in EUR (BT-6, BT-111)', () => {
  const doc = issuedFixture({
    seller: 'BE',
    customer: { ...BE_CUSTOMER, taxId: 'US123', country: 'US' },
    currency: 'USD',
    exchangeRate: '1.0876',
    lines: [
      { quantity: '3', price: '33.33', rate: '21', category: 'S' },
      { quantity: '1', price: '19.99', rate: '0', category: 'G', vatex: 'VATEX-EU-G' },
    ],
  });
  const inv = einvoiceFromIssued(doc);
  assert.deepEqual([inv.currency, inv.taxCurrency], ['USD', 'EUR']);
  assert.equal(inv.totals.taxInclusive, doc.currencyTotal);
  assert.equal(inv.totals.taxInAccountingCurrency, doc.totals.tax);
  assert.equal(inv.buyer.endpoint, null);
  assertReconciles(inv, doc);
});

test('delivery: the unload address and day when the document has them', () => {
  const unload = { street: 'Rua do Armazém 2', city: 'Porto', postalCode: '4000-001', country: 'PT' };
  const inv = einvoiceFromIssued(
    issuedFixture({ lines: [{ quantity: '1', price: '1', rate: '23' }], unload, unloadAt: '2026-03-03 09:00:00' }),
  );
  assert.deepEqual(inv.delivery, {
    date: '2026-03-03',
    address: { line1: 'Rua do Armazém 2', city: 'Porto', postalCode: '4000-001', country: 'PT' },
  });
});

test('no e-invoice for a draft (409), a cancelled document (409) or a document that is not invoice-like (422)', () => {
  const line = [{ quantity: '1', price: '1', rate: '23' }];
  const code = (doc: IssuedDocument) => {
    try {
      einvoiceFromIssued(doc);
      return 'none';
    } catch (err) {
      assert.ok(err instanceof DomainError);
      return err.code;
    }
  };
  assert.equal(code({ ...issuedFixture({ lines: line }), status: 'draft' }), 'document_not_final');
  assert.equal(code({ ...issuedFixture({ lines: line }), status: 'cancelled' }), 'document_already_cancelled');
  assert.equal(code(issuedFixture({ type: 'GT', lines: line })), 'validation');
  assert.equal(code(issuedFixture({ type: 'OR', lines: line })), 'validation');
});

test('property: whatever the lines, discounts, prices with VAT and global discount, the sums reconcile to the cent', () => {
  const amount = (max: number, places: number) =>
    fc.integer({ min: 1, max: max * 10 ** places }).map((n) =>
      dec(n)
        .div(10 ** places)
        .toFixed(),
    );
  const line = fc.record({
    quantity: amount(50, 3),
    price: amount(500, 4),
    rate: fc.constantFrom('23', '13', '6', '0'),
    discounts: fc.tuple(fc.constantFrom('0', '5', '12.5'), fc.constantFrom('0', '3'), fc.constant('0')),
  });
  fc.assert(
    fc.property(
      fc.array(line, { minLength: 1, maxLength: 8 }),
      fc.boolean(),
      fc.option(
        fc.oneof(
          fc.constant({ kind: 'percent' as const, value: '3.5' }),
          fc.constant({ kind: 'amount' as const, value: '0.97' }),
        ),
      ),
      fc.option(fc.constantFrom('1.0876', '0.8523', '161.2')),
      (lines, vatIncluded, globalDiscount, rate) => {
        const fl: FixtureLine[] = lines.map((l) => ({
          ...l,
          discounts: l.discounts as [string, string, string],
          exemption: l.rate === '0' ? { code: 'M07', reason: 'Isento artigo 9.º do CIVA' } : undefined,
        }));
        const doc = issuedFixture({
          lines: fl,
          vatIncluded,
          globalDiscount: globalDiscount ?? undefined,
          ...(rate ? { currency: 'USD', exchangeRate: rate } : {}),
        });
        const inv = einvoiceFromIssued(doc);
        assertReconciles(inv, doc);
        if (rate) assert.equal(inv.totals.taxInclusive, doc.currencyTotal);
      },
    ),
    { numRuns: 300 },
  );
});
