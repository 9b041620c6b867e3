import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dec } from '../money/decimal.js';
import { DomainError } from '../errors.js';
import { type DraftLineRequest, type DraftRequest, draftDocument } from './draft.js';
import { findExemption } from '../pt/exemption-codes.js';

const VAT23 = { id: 1, type: 'IVA' as const, region: 'PT', code: 'NOR', rate: '23.0000' };
const VAT0 = { id: 2, type: 'IVA' as const, region: 'PT', code: 'ISE', rate: '0.0000' };
const ITEM = {
  id: 7,
  code: 'WIDGET',
  description: 'A widget',
  price: '10.00',
  priceWithVat: '12.30',
  productType: 'P',
  unitSymbol: 'KG',
};

const line = (l: Partial<DraftLineRequest>): DraftLineRequest => ({
  namesItem: false,
  quantity: dec(1),
  unitPrice: undefined,
  discounts: [],
  origin: null,
  item: null,
  tax: VAT23,
  ...l,
});

const request = (r: Partial<DraftRequest>): DraftRequest => ({
  type: 'FT',
  docDate: '2026-03-10',
  dueDate: null,
  loadAt: null,
  unloadAt: null,
  loadAddress: null,
  unloadAddress: null,
  billing: null,
  vehiclePlate: null,
  vatIncluded: false,
  globalDiscount: undefined,
  withholdingRate: undefined,
  roundingAdjustment: dec(0),
  exchangeRate: null,
  exemptionCode: null,
  relatedDocumentId: null,
  customer: {
    id: 3,
    code: 'C1',
    name: 'Cliente',
    taxId: '123456789',
    isFinalConsumer: false,
    country: 'PT',
    street: 'Rua A',
    postalCode: '1000-001',
    city: 'Lisboa',
    email: null,
    phone: null,
    defaultDiscount: '0',
    paymentTermsDays: 30,
  },
  lines: [],
  ...r,
});

test('a line without texts or price of its own takes its item’s; totals reconcile to the cent', () => {
  const d = draftDocument(
    request({
      lines: [
        line({ namesItem: true, item: ITEM, quantity: dec(3) }),
        line({ description: 'Hours', unitPrice: dec('0.35') }),
      ],
    }),
  );
  assert.deepEqual(
    d.lines.map((l) => [l.code, l.description, l.unit, l.unitPrice.toString(), l.itemId]),
    [
      ['WIDGET', 'A widget', 'KG', '10', 7],
      ['Hours', 'Hours', 'UN', '0.35', null],
    ],
  );
  assert.equal(d.netTotal.toFixed(2), '30.35');
  assert.equal(d.taxTotal.toFixed(2), '6.98');
  assert.equal(d.grossTotal.toFixed(2), '37.33');
  assert.equal(d.lines.reduce((s, l) => s.plus(l.netTotal), dec(0)).toFixed(2), d.netTotal.toFixed(2));
  // An invoice is due after the customer's payment terms; a simplified invoice is settled on issue.
  assert.equal(d.dueDate, '2026-04-09');
  assert.equal(draftDocument(request({ type: 'FS', lines: [line({ item: ITEM })] })).dueDate, null);
});

test('prices including VAT take the item’s price with VAT; the customer’s discount applies to lines without one', () => {
  const d = draftDocument(
    request({
      vatIncluded: true,
      customer: { ...request({}).customer, defaultDiscount: '10' },
      lines: [line({ item: ITEM }), line({ item: ITEM, discounts: [dec(50)] })],
    }),
  );
  assert.deepEqual(
    d.lines.map((l) => [l.unitPrice.toString(), l.discounts.map(String)]),
    [
      ['12.3', ['10']],
      ['12.3', ['50']],
    ],
  );
  assert.equal(d.grossTotal.toFixed(2), '17.22'); // 11.07 + 6.15
});

test('a line on an origin line takes its texts unless it names an item of its own', () => {
  const origin = { id: 90, documentId: 9, itemId: 7, code: 'OLD', description: 'As invoiced' };
  const d = draftDocument(
    request({
      type: 'NC',
      lines: [
        line({ origin, item: ITEM, unitPrice: dec(1) }),
        line({ origin, item: ITEM, namesItem: true, unitPrice: dec(1) }),
      ],
    }),
  );
  assert.deepEqual(
    d.lines.map((l) => [l.code, l.description, l.originLineId, l.originDocumentId]),
    [
      ['OLD', 'As invoiced', 90, 9],
      ['WIDGET', 'A widget', 90, 9],
    ],
  );
  assert.equal(d.relatedDocumentId, 9);
});

test('a 0 % line takes the document’s exemption code and its legal text', () => {
  const d = draftDocument(
    request({ exemptionCode: ' m07 ', lines: [line({ description: 'Aula', unitPrice: dec(20), tax: VAT0 })] }),
  );
  assert.equal(d.lines[0].exemptionCode, 'M07');
  assert.equal(d.lines[0].exemptionReason, findExemption('M07')!.text);
  assert.deepEqual(
    d.taxSummary.map((g) => [g.code, g.base.toFixed(2), g.tax.toFixed(2), g.exemptionCode]),
    [['ISE', '20.00', '0.00', 'M07']],
  );
});

test('every issue of the lines is reported at once, in line order', () => {
  assert.throws(
    () =>
      draftDocument(
        request({
          lines: [line({ code: 'x'.repeat(61), description: 'ok', unitPrice: dec(1) }), line({ unit: 'y'.repeat(21) })],
        }),
      ),
    (e: unknown) => {
      assert.ok(e instanceof DomainError);
      assert.deepEqual(
        e.details.map((i) => [i.field, i.issue]),
        [
          ['lines[0].code', 'too_long'],
          ['lines[1].description', 'required'],
          ['lines[1].unitPrice', 'required'],
          ['lines[1].unit', 'too_long'],
        ],
      );
      return true;
    },
  );
});
