import { test } from 'node:test';
import assert from 'node:assert/strict';
import { groupRows, RowGroups, type ImportRow } from './group-rows.js';

const row = (n: number, document: string, description = `line ${n}`): ImportRow => ({
  row: n,
  cells: { ...(document ? { document } : {}), description, quantity: '1' },
});

test('contiguous documents come out as each one ends, holding one at a time', () => {
  const rows = [row(2, 'A'), row(3, 'A'), row(4, 'B'), row(5, 'C'), row(6, 'C')];
  const groups = new RowGroups(
    new Map([
      ['A', 3],
      ['B', 4],
      ['C', 6],
    ]),
  );
  const out = rows.map((r) => groups.add(r).documents.map((d) => d.document.key));
  assert.deepEqual(out, [[], ['A'], ['B'], [], ['C']]);
  assert.deepEqual(groups.end(), []);
});

test('interleaved documents still come out whole, in the order of their first row', () => {
  const rows = [row(2, 'A'), row(3, 'B'), row(4, ''), row(5, 'B'), row(6, 'A'), row(7, 'C')];
  const groups = new RowGroups(
    new Map([
      ['A', 6],
      ['B', 5],
      ['C', 7],
    ]),
  );
  const seen: string[][] = [];
  for (const r of rows) {
    const added = groups.add(r);
    if (added.issue)
      assert.deepEqual(added.issue, { row: 4, column: 'document', reason: 'The document key is empty.' });
    seen.push(added.documents.map((d) => `${d.document.key}:${d.document.lines.map((l) => l.row).join('+')}`));
  }
  // B ends first (row 5) but waits for A, which starts before it.
  assert.deepEqual(seen, [[], [], [], [], ['A:2+6', 'B:3+5'], ['C:7']]);
  assert.deepEqual(
    groupRows(rows).documents.map((d) => d.key),
    ['A', 'B', 'C'],
  );
});

test('a key the first pass did not see is given out at the end', () => {
  const groups = new RowGroups(new Map([['A', 2]]));
  assert.deepEqual(groups.add(row(2, 'A')).documents.length, 1);
  assert.deepEqual(groups.add(row(3, 'Z')).documents, []);
  assert.deepEqual(
    groups.end().map((d) => d.document.key),
    ['Z'],
  );
});
