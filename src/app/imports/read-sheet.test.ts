import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { spoolToTempFile, type ImportSource } from './import-source.js';
import { openSheet } from './read-sheet.js';

const sourceOf = (...chunks: Buffer[]) => spoolToTempFile(Readable.from(chunks), 1 << 30);

async function rowsOf(source: ImportSource, maxRows?: number) {
  const sheet = await openSheet(source, maxRows);
  const rows: string[][] = [];
  for await (const r of sheet.rows) rows.push(r.values);
  return { headers: sheet.headers, rows };
}

test('a byte that is not UTF-8 far into the file makes the whole file Latin-1, as when it was read whole', async () => {
  const head = Buffer.from('Documento;Descrição\n' + 'A;x\n'.repeat(40_000), 'latin1');
  const source = await sourceOf(head, Buffer.from('B;Pão\n', 'latin1'));
  try {
    const { headers, rows } = await rowsOf(source);
    assert.deepEqual(headers, ['Documento', 'Descrição']);
    assert.deepEqual(rows.at(-1), ['B', 'Pão']);
  } finally {
    await source.dispose();
  }
});

test('a UTF-8 character split between two reads, and a byte order mark, read as written', async () => {
  const text = Buffer.from('\ufeffDocument,Description\n' + 'A,x\n'.repeat(20_000) + 'B,Conceição\n', 'utf8');
  // 'ç' (two bytes) straddles the 64 KiB reads somewhere: the file is cut at every offset of the reader's chunks.
  const source = await sourceOf(text.subarray(0, 65_537), text.subarray(65_537));
  try {
    const { headers, rows } = await rowsOf(source);
    assert.deepEqual(headers, ['Document', 'Description']);
    assert.equal(rows.length, 20_001);
    assert.deepEqual(rows.at(-1), ['B', 'Conceição']);
  } finally {
    await source.dispose();
  }
});

test('past the row limit, a CSV and an XLSX stop with a validation error on file', async () => {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('x');
  sheet.addRow(['Document', 'Quantity']);
  for (let i = 0; i < 5; i++) sheet.addRow([`D${i}`, 1]);
  const files = [
    Buffer.from(await workbook.xlsx.writeBuffer()),
    Buffer.from('Document,Quantity\n' + 'D,1\n'.repeat(5)),
  ];
  for (const bytes of files) {
    const source = await sourceOf(bytes);
    try {
      await assert.rejects(rowsOf(source, 3), (err: Error & { details?: { field: string }[] }) => {
        assert.match(err.message, /more than 3 rows/);
        assert.equal(err.details?.[0].field, 'file');
        return true;
      });
      assert.equal((await rowsOf(source, 5)).rows.length, 5);
    } finally {
      await source.dispose();
    }
  }
});
