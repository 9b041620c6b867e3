import { test } from 'node:test';
import assert from 'node:assert/strict';
import { recognizeHeaders } from './template-columns.js';
import { groupRows, rowCells } from './group-rows.js';
import { templateRows } from './template-rows.js';

test('headers in Portuguese or English, without case or accents; unknown ones ignored', () => {
  const { columns, issues } = recognizeHeaders([
    'DOCUMENTO',
    'nif cliente',
    'Descricao',
    'Qty',
    'Preço unitário',
    'Notes',
  ]);
  assert.deepEqual(columns, ['document', 'customerTaxId', 'description', 'quantity', 'unitPrice', null]);
  assert.deepEqual(issues, []);
  for (const lang of ['pt', 'en'] as const) {
    const r = recognizeHeaders(templateRows(lang)[0]);
    assert.equal(r.issues.length, 0);
    assert.ok(r.columns.every((c) => c !== null));
  }
});

test('a mapping names the columns of other headers; a missing key column or a bad mapping is an issue', () => {
  const mapped = recognizeHeaders(['Fatura', 'Qtd.', 'Artigo'], { Fatura: 'document', Artigo: 'Descrição' });
  assert.deepEqual(mapped.columns, ['document', 'quantity', 'description']);
  const missing = recognizeHeaders(['Qty']);
  assert.match(missing.issues[0].reason, /no 'Documento'/);
  assert.match(recognizeHeaders(['Doc', 'Qty'], { Doc: 'nothing' }).issues[0].reason, /no template column/);
});

test('rows grouped by document key, cells read; unreadable cells are issues at their row and column', () => {
  const columns = recognizeHeaders(['Document', 'Customer name', 'Description', 'Quantity', 'Unit price']).columns;
  const rows = [
    ['A', 'Ana', 'x', '1', '2,50'],
    ['B', 'Rui', 'y', '1', '1'],
    ['A', '', 'z', 'dois', '1'],
    ['', 'Eva', 'w', '1', '1'],
    ['A', 'Other', 'v', '1', '1'],
  ].map((values, i) => ({ row: i + 2, cells: rowCells(values, columns) }));
  const { documents, issues } = groupRows(rows);
  assert.deepEqual(
    documents.map((d) => [d.key, d.firstRow, d.customer.name, d.lines.length]),
    [
      ['A', 2, 'Ana', 3],
      ['B', 3, 'Rui', 1],
    ],
  );
  assert.equal(documents[0].lines[0].unitPrice, '2.50');
  assert.deepEqual(
    issues.map((i) => [i.row, i.column]),
    [
      [5, 'document'],
      [6, 'customerName'],
      [4, 'quantity'],
    ],
  );
});
