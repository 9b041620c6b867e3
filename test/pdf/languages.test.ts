import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../support/app.js';
import { INVOICE, TRANSPORT, create, downloadPdf } from './fixtures.js';
import { pdfPages } from './pdf-text.js';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(async () => {
  await t?.close();
});

const EXPECT = {
  pt: [
    'Fatura',
    'Descrição',
    'Preço unit.',
    'Valor líquido',
    'Resumo de impostos'.toUpperCase(),
    'Total líquido',
    'Retenção na fonte',
    'Total a pagar',
    'Vencimento',
    'Documento sem validade legal',
    'Original',
    'Página 1/1',
  ],
  en: [
    'Invoice',
    'Description',
    'Unit price',
    'Net amount',
    'TAX SUMMARY',
    'Net total',
    'Withholding tax',
    'Amount due',
    'Due date',
    'Document without legal validity',
    'Original',
    'Page 1/1',
  ],
  fr: [
    'Facture',
    'Désignation',
    'Prix unit.',
    'Montant HT',
    'RÉCAPITULATIF DES TAXES',
    'Total HT',
    'Retenue à la source',
    'Net à payer',
    'Échéance',
    'Document sans valeur légale',
    'Original',
    'Page 1/1',
  ],
} as const;

for (const lang of ['pt', 'en', 'fr'] as const) {
  test(`labels, numbers and dates in ${lang}`, async () => {
    const ft = await create(t, { ...INVOICE, language: lang });
    const r = await downloadPdf(t, ft.id);
    const s = (await pdfPages(r.bytes)).join('\n');
    for (const label of EXPECT[lang]) assert.ok(s.includes(label), `${lang}: ${label}`);
    if (lang === 'en') {
      assert.match(s, /€2,069\.94/);
      assert.match(s, /Due date\s+2099-12-31/);
    } else {
      assert.match(s, /2 069,94 €/);
      assert.match(s, /31-12-2099/);
    }
    // The legal statements keep their Portuguese wording whatever the language.
    assert.ok(s.includes('M05 — Isento artigo 14.º do CIVA'));
    assert.ok(s.includes('Processado por programa certificado n.º 0000/AT'));
    const again = await downloadPdf(t, ft.id);
    const copy = { pt: 'Duplicado', en: 'Duplicate', fr: 'Duplicata' }[lang];
    assert.ok((await pdfPages(again.bytes))[0].includes(copy), `${lang}: ${copy}`);
  });
}

test('non-invoices keep the Portuguese statement, with a translation', async () => {
  const gt = await create(t, { ...TRANSPORT, language: 'fr' });
  const s = (await pdfPages((await downloadPdf(t, gt.id)).bytes)).join('\n');
  assert.ok(s.includes('Bon de transport'));
  assert.ok(s.replace(/\s+/g, ' ').includes('Este documento não serve de fatura (Ce document ne vaut pas facture)'));
  assert.match(s, /Lieu de chargement\s+Armazém 3/);
  assert.match(s, /Immatriculation:\s+AA-12-BC/);
});
