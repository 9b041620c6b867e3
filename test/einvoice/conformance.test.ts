// Every e-invoice Faturador writes passes the UBL 2.1 / CII D16B schema and the EN 16931 1.3.16 rules, plus Peppol
// BIS 2026.5 (Peppol profile) or CIUS-PT 2.1.1 (CIUS-PT profile), with no fatal finding: each document type × each
// VAT category × both syntaxes, for a Belgian and a Portuguese seller. Through the product's own validator.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { DocType } from '../../src/domain/documents/types.js';
import { einvoiceFromIssued } from '../../src/domain/einvoice/from-issued.js';
import { serializeEinvoice } from '../../src/exports/einvoice/document-einvoice.js';
import { profileMapping, type EinvoiceProfile, type EinvoiceSyntax } from '../../src/exports/einvoice/profiles.js';
import {
  closeEinvoiceValidation,
  configureEinvoiceValidation,
  validateEinvoice,
} from '../../src/exports/einvoice/validate/index.js';
import { issuedFixture, type FixtureLine, type FixtureOptions } from './issued-fixtures.js';

const TYPES: DocType[] = ['FT', 'FS', 'FR', 'NC', 'ND'];
const PDF = { bytes: Buffer.from('%PDF-1.4\n%%EOF\n'), fileName: 'FT A-7.pdf', description: 'PDF' };
const DE = {
  name: 'Kunde GmbH',
  taxId: 'DE123456789',
  country: 'DE',
  street: 'Hauptstr. 1',
  city: 'Berlin',
  postalCode: '10115',
  email: 'ap@kunde.de',
};
const ES = {
  name: 'Cliente SL',
  taxId: 'ESB12345678',
  country: 'ES',
  street: 'Gran Vía 1',
  city: 'Madrid',
  postalCode: '28013',
  email: 'ap@cliente.es',
};

/**
 * The Belgian categories (stated on the lines): all but O in one document (S at 21 %, 12 % and 6 %, Z, E, AE, K, G;
 * nothing forbids them together), O alone (BR-O-11..14).
 */
const BE_DOCS: Record<string, { lines: FixtureLine[]; customer?: FixtureOptions['customer'] }> = {
  'S 21/12/6, Z, E, AE, K, G': {
    customer: DE,
    lines: [
      { quantity: '10', price: '75', rate: '21', category: 'S', discounts: ['10', '0', '0'], unit: 'H' },
      { quantity: '1', price: '99.99', rate: '12', category: 'S' },
      { quantity: '3', price: '12.35', rate: '6', category: 'S' },
      { quantity: '2', price: '1.5', rate: '0', category: 'Z' },
      { quantity: '1', price: '250', rate: '0', category: 'E', reason: 'Vrijgesteld - art. 44 WBTW' },
      {
        quantity: '8',
        price: '45',
        rate: '0',
        category: 'AE',
        vatex: 'VATEX-EU-AE',
        reason: 'Autoliquidation / Verlegging van heffing',
      },
      { quantity: '5', price: '20', rate: '0', category: 'K', vatex: 'VATEX-EU-IC' },
      { quantity: '5', price: '20.5', rate: '0', category: 'G', vatex: 'VATEX-EU-G' },
    ],
  },
  O: { lines: [{ quantity: '1', price: '35', rate: '0', category: 'O', vatex: 'VATEX-EU-O', reason: 'Disbursement' }] },
};

const ex = (code: string, reason: string, price = '40'): FixtureLine => ({
  quantity: '2',
  price,
  rate: '0',
  exemption: { code, reason },
});
/** The Portuguese categories from the SAF-T tax and exemption codes: S (NOR, INT, RED), E, AE, K, G together; O alone. */
const PT_DOCS: Record<string, { lines: FixtureLine[]; customer?: FixtureOptions['customer'] }> = {
  'S 23/13/6, E (M07), AE (M40), K (M16), G (M05)': {
    customer: ES,
    lines: [
      { quantity: '3', price: '10.333', rate: '23', discounts: ['10', '5', '0'] },
      { quantity: '1', price: '7.5', rate: '13', code: 'INT' },
      { quantity: '4', price: '2.49', rate: '6', code: 'RED' },
      ex('M07', 'Isento artigo 9.º do CIVA'),
      ex('M40', 'IVA - autoliquidação', '41'),
      ex('M16', 'Isento artigo 14.º do RITI', '42'),
      ex('M05', 'Isento artigo 14.º do CIVA', '43'),
    ],
  },
  'O (M99)': { lines: [ex('M99', 'Não sujeito ou não tributado')] },
};

before(() => configureEinvoiceValidation({ threads: 1 }));
after(() => closeEinvoiceValidation());

async function assertConforms(label: string, o: FixtureOptions, syntax: EinvoiceSyntax, profile: EinvoiceProfile) {
  const doc = issuedFixture(o);
  const inv = einvoiceFromIssued(doc, { iban: 'BE68 5390 0754 7034', ...profileMapping(profile) });
  const xml = serializeEinvoice(inv, syntax, { profile, attachment: PDF });
  const r = await validateEinvoice(xml, { profiles: profile === 'en16931' ? [] : [profile] });
  const fatal = r.findings.filter((f) => f.flag === 'fatal').map((f) => `${f.id} ${f.text}`);
  assert.deepEqual({ xsd: r.xsd.errors, fatal }, { xsd: [], fatal: [] }, `${label} ${syntax}/${profile}`);
  assert.equal(r.valid, true);
  assert.equal(r.syntax, syntax);
  assert.equal(r.documentType, doc.type === 'NC' ? 'credit-note' : 'invoice');
  const expected = profile === 'en16931' ? [] : [profile === 'peppol' ? /PEPPOL/ : /CIUS-PT/];
  for (const re of expected)
    assert.ok(
      r.rulesets.some((s) => re.test(s)),
      `${label}: ${r.rulesets.join(', ')} ran`,
    );
}

const common = (type: DocType): Partial<FixtureOptions> => ({
  type,
  related: type === 'NC' || type === 'ND' ? { number: 'FT A/3', date: '2026-02-10' } : undefined,
  mechanism: type === 'FR' || type === 'FS' ? 'NU' : 'TB',
  reference: type === 'FT' ? 'PO-4711' : undefined,
  observations: 'Obrigado pela preferência',
});

for (const type of TYPES) {
  test(`Belgian seller, ${type}: every VAT category as Peppol UBL and as CII passes with 0 fatal findings`, async () => {
    for (const [name, c] of Object.entries(BE_DOCS)) {
      const o: FixtureOptions = {
        ...common(type),
        seller: 'BE',
        lines: c.lines,
        customer: c.customer,
        paymentReference: '+++123/4567/89002+++',
        globalDiscount: type === 'FT' ? { kind: 'percent', value: '2' } : undefined,
      };
      await assertConforms(`BE ${type} ${name}`, o, 'ubl', 'peppol');
      await assertConforms(`BE ${type} ${name}`, o, 'cii', 'en16931');
    }
  });

  test(`Portuguese seller, ${type}: every VAT category as CIUS-PT UBL and as CII passes with 0 fatal findings`, async () => {
    for (const [name, c] of Object.entries(PT_DOCS)) {
      const o: FixtureOptions = {
        ...common(type),
        seller: 'PT',
        lines: c.lines,
        customer: c.customer,
        withholdingRate: type === 'FT' ? '25' : undefined,
        globalDiscount: type === 'ND' ? { kind: 'amount', value: '1.23' } : undefined,
        unload:
          type === 'FT'
            ? { street: 'Rua do Armazém 2', city: 'Porto', postalCode: '4000-001', country: 'PT' }
            : undefined,
        unloadAt: type === 'FT' ? '2026-03-03 09:00:00' : undefined,
      };
      await assertConforms(`PT ${type} ${name}`, o, 'ubl', 'cius-pt');
      await assertConforms(`PT ${type} ${name}`, o, 'cii', 'en16931');
    }
  });
}

test('plain EN 16931 UBL, prices with VAT and a foreign currency (BT-6/BT-111) pass for both sellers', async () => {
  for (const seller of ['BE', 'PT'] as const) {
    const lines: FixtureLine[] = [
      {
        quantity: '1.5',
        price: '123.45',
        rate: seller === 'BE' ? '21' : '23',
        category: seller === 'BE' ? 'S' : undefined,
      },
      { quantity: '7', price: '3.99', rate: '6', category: seller === 'BE' ? 'S' : undefined, code: 'RED' },
    ];
    const base: FixtureOptions = { seller, lines, vatIncluded: true, globalDiscount: { kind: 'amount', value: '5' } };
    await assertConforms(`${seller} VAT included`, base, 'ubl', 'en16931');
    const fx: FixtureOptions = { ...base, vatIncluded: false, currency: 'USD', exchangeRate: '1.0876', customer: DE };
    await assertConforms(`${seller} USD`, fx, 'ubl', seller === 'BE' ? 'peppol' : 'cius-pt');
    await assertConforms(`${seller} USD`, fx, 'cii', 'en16931');
  }
});
