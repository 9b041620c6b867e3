import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { startTestApp, type TestApp } from '../support/app.js';
import { upload } from './support.js';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(async () => {
  await t?.close();
});

const PT = 'Documento;Tipo;Nome cliente;NIF cliente;Descrição;Quantidade;Preço unitário;Desconto %;Taxa IVA %\n';
const ptRows =
  'F1;FT;Maria Conceição;123456789;Serviço técnico;1,5;1.234,50;10;23\nF1;;;;Deslocação;1;20,00;;23\nF2;FT;João;;Pão;3;0,85;;6\n';

test('Latin-1, ; separators and decimal commas: read as written', async () => {
  const r = await upload(t, { name: 'latin1.csv', bytes: Buffer.from(PT + ptRows, 'latin1') }, { dryRun: 'true' });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.deepEqual(r.body.errors, []);
  assert.deepEqual(
    r.body.documents.map((d: { key: string; lines: number; grossTotal: string }) => [d.key, d.lines, d.grossTotal]),
    // 1.5 × 1234.50 − 10 % = 1666.58 (rounded), + 20.00 = 1686.58 net; 23 % VAT 387.91 → 2074.49; 3 × 0.85 + 6 % → 2.70
    [
      ['F1', 2, '2074.49'],
      ['F2', 1, '2.70'],
    ],
  );
});

test('UTF-8 with a byte order mark; a mapping for other headers', async () => {
  const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(PT + ptRows, 'utf8')]);
  const r = await upload(t, { name: 'bom.csv', bytes: bom }, { dryRun: 'true' });
  assert.deepEqual(r.body.errors, []);
  assert.equal(r.body.documents.length, 2);
  const mapped = await upload(
    t,
    { name: 'mine.csv', bytes: 'Fatura,Artigo,Qtd,Valor\nX1,Consultoria,2,50\n' },
    { dryRun: 'true', mapping: JSON.stringify({ Fatura: 'document', Artigo: 'description', Valor: 'unitPrice' }) },
  );
  assert.deepEqual(mapped.body.errors, []);
  assert.equal(mapped.body.documents[0].grossTotal, '123.00');
  const badMapping = await upload(t, { name: 'mine.csv', bytes: 'a\n1\n' }, { dryRun: 'true', mapping: '[1' });
  assert.equal(badMapping.status, 422);
  assert.equal(badMapping.body.error.details[0].field, 'mapping');
});

test('XLSX, the template in both languages and formats read back', async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  ws.addRow(['Document', 'Customer name', 'Description', 'Quantity', 'Unit price', 'Tax rate %']);
  ws.addRow(['A', 'Ana', 'Widget', 2, 9.99, 23]);
  ws.addRow(['A', null, 'Gadget', 1, 5, 23]);
  const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
  const r = await upload(t, { name: 'book.xlsx', bytes: xlsx }, { dryRun: 'true' });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.format, 'xlsx');
  assert.deepEqual(r.body.errors, []);
  assert.equal(r.body.documents[0].grossTotal, '30.73'); // (19.98 + 5) × 1.23 = 30.7254

  for (const format of ['csv', 'xlsx'])
    for (const lang of ['pt', 'en']) {
      const tpl = await t.app.inject({
        method: 'GET',
        url: `/v1/imports/template?format=${format}&lang=${lang}`,
        headers: { authorization: `Bearer ${t.account.apiKey}` },
      });
      assert.equal(tpl.statusCode, 200);
      const back = await upload(t, { name: `template.${format}`, bytes: tpl.rawPayload }, { dryRun: 'true' });
      assert.equal(back.status, 200, `${format} ${lang}: ${JSON.stringify(back.body)}`);
      assert.equal(back.body.format, format);
      assert.deepEqual(back.body.errors, [], `${format} ${lang}`);
      assert.equal(back.body.documents.length, 2, `${format} ${lang}`);
    }
});

test('empty, header-only, binary, broken XLSX, too many rows, no file: clear 422s, never a crash', async () => {
  const zipHead = Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6, 7, 8]);
  for (const [name, bytes, reason] of [
    ['empty.csv', '', /empty/],
    ['head.csv', 'Document,Quantity\n', /no data rows/],
    ['bin.csv', Buffer.from([0, 1, 2, 0, 255, 0]), /binary/],
    ['broken.xlsx', zipHead, /XLSX/],
    ['quote.csv', 'Document,Quantity\n"A,1\n', /CSV/],
    ['big.csv', 'Document,Description,Quantity\n' + 'A,x,1\n'.repeat(50_001), /more than 50000 rows/],
  ] as const) {
    const r = await upload(t, { name, bytes }, { dryRun: 'true' });
    assert.equal(r.status, 422, `${name}: ${JSON.stringify(r.body)}`);
    assert.equal(r.body.error.details[0].field, 'file', name);
    assert.match(r.body.error.message, reason, name);
  }
  const noFile = await t.app.inject({
    method: 'POST',
    url: '/v1/imports',
    payload: { a: 1 },
    headers: { authorization: `Bearer ${t.account.apiKey}` },
  });
  assert.equal(noFile.statusCode, 422);
  const noKey = await upload(t, { name: 'x.csv', bytes: 'Description,Quantity\nx,1\n' }, { dryRun: 'true' });
  assert.equal(noKey.body.errors[0].row, 1);
  assert.match(noKey.body.errors[0].reason, /Documento/);
});
