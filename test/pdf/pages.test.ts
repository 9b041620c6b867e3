import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../support/app.js';
import { CUSTOMER, create, downloadPdf, line } from './fixtures.js';
import { pdfPages } from './pdf-text.js';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(async () => {
  await t?.close();
});

const money = (s: string) => Number(s.replace(/\s/g, '').replace(',', '.'));

test('a 120-line document: page n/N, number and ATCUD on every page, totals carried over, totals only at the end', async () => {
  const lines = Array.from({ length: 120 }, (_, i) =>
    line(
      `Artigo de teste número ${i + 1}${i % 7 === 0 ? ' com uma descrição bastante mais longa que ocupa duas linhas na tabela' : ''}`,
      String((i % 5) + 1),
      (3 + (i % 11) * 1.25).toFixed(2),
      { taxName: i % 3 ? 'IVA23' : 'IVA13', code: `ART-${String(i + 1).padStart(3, '0')}` },
    ),
  );
  const doc = await create(t, { type: 'FT', customer: CUSTOMER, lines });
  const r = await downloadPdf(t, doc.id);
  assert.equal(r.status, 200);
  const pages = await pdfPages(r.bytes);
  const n = pages.length;
  assert.ok(n >= 3, `${n} pages`);
  let carried = 0;
  const lineSum = (p: string) =>
    [...p.matchAll(/^ART-\d{3}\s.*%\s+(\d[\d ]*,\d{2})$/gm)].reduce((a, m) => a + money(m[1]), 0);
  pages.forEach((p, i) => {
    // NOTE: D8632 §2.2.11 and Portaria 195/2020 art. 4.º — every page identifies the document.
    assert.ok(p.includes(`Página ${i + 1}/${n}`), `page ${i + 1}/${n}`);
    assert.ok(p.includes(doc.number), `number on page ${i + 1}`);
    assert.ok(p.includes(`ATCUD:${doc.atcud}`), `ATCUD on page ${i + 1}`);
    assert.ok(p.includes('Original'), `copy mark on page ${i + 1}`);
    if (i > 0) {
      const brought = /Transporte\s+([\d ]+,\d{2})/.exec(p);
      assert.ok(brought, `brought forward on page ${i + 1}`);
      assert.equal(
        money(brought[1]),
        Number(carried.toFixed(2)),
        `page ${i + 1} brings forward what page ${i} carried`,
      );
    }
    carried += lineSum(p);
    if (i < n - 1) {
      const forward = /A transportar\s+([\d ]+,\d{2})/.exec(p);
      assert.ok(forward, `carried forward on page ${i + 1}`);
      assert.equal(money(forward[1]), Number(carried.toFixed(2)), `page ${i + 1} carries the running total`);
      assert.ok(!p.includes('Total líquido'), 'totals only on the last page');
      assert.ok(!/ATCUD:\S+\n/.test(p.split('Total')[1] ?? ''), 'no QR block before the last page');
    } else {
      assert.ok(!p.includes('A transportar'));
      assert.match(p, /Total líquido\s+[\d ]+,\d{2}/);
    }
  });
  const all = pages.join('\n');
  for (let i = 1; i <= 120; i++) assert.ok(all.includes(`ART-${String(i).padStart(3, '0')}`), `line ${i}`);
  assert.equal(
    Number(carried.toFixed(2)),
    money(/Total líquido\s+([\d ]+,\d{2})/.exec(pages[n - 1])![1]),
    'the lines add up to the net total',
  );
});
