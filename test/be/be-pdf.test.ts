import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createAccount } from '../../src/app/accounts/create-account.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { pdfPages } from '../pdf/pdf-text.js';

// The PDF of a Belgian seller's invoice (#16 §1): VAT Directive art. 226 mentions, the reverse-charge text, the
// exemption reasons, the structured payment reference; labels in nl, fr, en and de; no Portuguese marks.
let t: TestApp;
let key: string;
before(async () => {
  t = await startTestApp();
  const a = await t.db.database.db.transaction().execute((tx) =>
    createAccount(tx, new Date(), {
      legalName: 'Atelier Test BV',
      taxId: 'BE0412345614',
      country: 'BE',
      street: 'Meir 1',
      postalCode: '2000',
      city: 'Antwerpen',
      owner: { email: `be-pdf-${Date.now()}@example.com` },
    }),
  );
  key = a.apiKey;
});
after(async () => {
  await t?.close();
});

async function pdfText(language: string): Promise<{ text: string; reference: string }> {
  const r = await t.call(
    'POST',
    '/v1/documents',
    {
      type: 'FT',
      finalize: true,
      language,
      customer: { name: 'Bouw NV', taxId: 'BE0202239951', country: 'BE', city: 'Gent' },
      lines: [
        { description: 'Renovatie', quantity: '1', unitPrice: '1000', taxRate: '0', vatCategory: 'AE' },
        { description: 'Boek', quantity: '2', unitPrice: '12.50', taxRate: '6' },
        { description: 'Advies', quantity: '1', unitPrice: '100', taxRate: '21' },
        {
          description: 'Opleiding',
          quantity: '1',
          unitPrice: '50',
          taxRate: '0',
          vatCategory: 'E',
          exemptionReason: 'Art. 44 §2 4° WBTW',
        },
      ],
    },
    { key },
  );
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const pdf = await t.app.inject({
    method: 'GET',
    url: `/v1/documents/${r.body.id}/pdf`,
    headers: { authorization: `Bearer ${key}` },
  });
  assert.equal(pdf.statusCode, 200);
  return { text: (await pdfPages(pdf.rawPayload)).join('\n').replace(/\s+/g, ' '), reference: r.body.paymentReference };
}

const EXPECT = {
  nl: [
    'Factuur',
    'Omschrijving',
    'Btw-overzicht'.toUpperCase(),
    'Gestructureerde',
    'Btw-nr.: BE0412345614',
    'Btw-nr.: BE0202239951',
    'Document zonder rechtsgeldigheid',
    'Origineel',
  ],
  fr: ['Facture', 'Communication structurée', 'N° TVA: BE0412345614', 'Document sans valeur légale'],
  en: ['Invoice', 'Payment reference', 'VAT no.: BE0412345614', 'Document without legal validity'],
  de: ['Rechnung', 'Strukturierte Mitteilung', 'USt-IdNr.: BE0412345614', 'Dokument ohne Rechtsgültigkeit', 'Original'],
} as const;

for (const lang of ['nl', 'fr', 'en', 'de'] as const) {
  test(`a BE invoice in ${lang}: art. 226 mentions, reverse charge, exemption, payment reference`, async () => {
    const { text, reference } = await pdfText(lang);
    for (const label of EXPECT[lang]) assert.ok(text.includes(label), `${lang}: ${label} in ${text}`);
    assert.ok(text.includes('Autoliquidation / Verlegging van heffing'), `${lang}: reverse charge`);
    assert.ok(text.includes('Art. 44 §2 4° WBTW'), `${lang}: exemption reason`);
    assert.ok(text.includes('VATEX-EU-AE'), `${lang}: VATEX code`);
    assert.match(reference, /^\+\+\+\d{3}\/\d{4}\/\d{5}\+\+\+$/);
    assert.ok(text.includes(reference), `${lang}: ${reference}`);
    // 1 000 + 25 + 100 + 50 net, 1.50 + 21.00 VAT.
    const gross = { nl: '1.197,50 €', de: '1.197,50 €', fr: '1 197,50 €', en: '€1,197.50' }[lang];
    assert.ok(text.includes(gross), `${lang}: gross total ${gross}`);
    // Nothing Portuguese: no certification line, ATCUD or QR message.
    assert.ok(!text.includes('Processado por programa'), lang);
    assert.ok(!text.includes('ATCUD'), lang);
  });
}
