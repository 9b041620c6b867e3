import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dateTime, decimal, element, key, text } from './xml.js';

test('text is XML-safe, collapsed and cut to the schema length in characters', () => {
  assert.equal(text('  a\u0007b \n\t c\uFFFE ', 60), 'ab c');
  assert.equal(text('\u0001 ', 60), undefined);
  assert.equal(text(null, 60), undefined);
  assert.equal(text('ção'.repeat(30), 50)!.length, 50);
  assert.equal(text('😀😀😀', 2), '😀😀', 'astral characters count as one and are never split');
  assert.equal(text('a\uD800b', 10), 'ab', 'a lone surrogate is dropped');
});

test('keys lose only what XML cannot carry', () => {
  assert.equal(key('A  B\u0000'), 'A  B');
  assert.equal(key('\u0000'), '-');
});

test('the library escapes markup', () => {
  assert.equal(
    element('CompanyName', 'Gomes & <Gomes> "Lda"'),
    '<CompanyName>Gomes &amp; &lt;Gomes&gt; &quot;Lda&quot;</CompanyName>',
  );
  assert.equal(
    element('Line', { A: '1', B: undefined, C: [{ D: '2' }, { D: '3' }] }),
    '<Line><A>1</A><C><D>2</D></C><C><D>3</D></C></Line>',
  );
});

test('decimals and date-times as SAF-T writes them', () => {
  assert.equal(decimal('23.3938000000'), '23.3938');
  assert.equal(decimal('0.0000001000'), '0.0000001');
  assert.equal(decimal('100.00'), '100');
  assert.equal(dateTime('2026-10-05 10:11:12'), '2026-10-05T10:11:12');
  assert.equal(dateTime('2026-10-05T10:11'), '2026-10-05T10:11:00');
});
