import { test } from 'node:test';
import assert from 'node:assert/strict';
import { csvRecord, safeCell } from './report-cell.js';

test('cells a spreadsheet would run as formulas get an apostrophe', () => {
  for (const v of ['=HYPERLINK("x")', '+1', '-1+2', '@SUM(A1)', '\tx']) assert.equal(safeCell(v), `'${v}`);
  assert.equal(safeCell('FT A/1'), 'FT A/1');
});

test('CSV records quote what needs quoting', () => {
  assert.equal(csvRecord(['a', 'b,c', 'd"e', 'f\ng']), 'a,"b,c","d""e","f\ng"\r\n');
  assert.equal(csvRecord(['a;b', 'c'], ';'), '"a;b";c\r\n');
});
