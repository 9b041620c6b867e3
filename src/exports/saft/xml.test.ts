import { test } from 'node:test';
import assert from 'node:assert/strict';
import { XMLBuilder } from 'fast-xml-parser';
import { dec } from '../../domain/money/decimal.js';
import { trimDecimal } from '../../domain/money/trim.js';
import { dateTime, decimal, element, key, positive, text } from './xml.js';

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

test('records are escaped and written as they were through the library', () => {
  assert.equal(
    element('CompanyName', 'Gomes & <Gomes> "Lda"'),
    '<CompanyName>Gomes &amp; &lt;Gomes&gt; &quot;Lda&quot;</CompanyName>',
  );
  assert.equal(
    element('Line', { A: '1', B: undefined, C: [{ D: '2' }, { D: '3' }] }),
    '<Line><A>1</A><C><D>2</D></C><C><D>3</D></C></Line>',
  );
});

test("element writes byte for byte what fast-xml-parser's builder wrote with the export's options", () => {
  const builder = new XMLBuilder({
    ignoreAttributes: true,
    format: false,
    suppressEmptyNode: false,
    processEntities: true,
  });
  const record = {
    InvoiceNo: 'FT A/1',
    Empty: '',
    Gone: undefined,
    Markup: `a & b < c > d ' e " f &amp; ção 😀`,
    Nested: { Inner: 'x', Deeper: { Leaf: '<1>' }, EmptyObject: {} },
    Repeated: [{ Line: '1' }, { Line: '2', Sub: [{ S: 'a' }] }],
    NoneRepeated: [],
    Strings: ['a', '&', ''],
    Number: 7 as unknown as string,
    Null: null as unknown as string,
  };
  for (const content of [record, 'plain', 'with & and <tags>', '', { Only: undefined }])
    assert.equal(element('Record', content), builder.build({ Record: content }) as string);
});

test('stored decimals are trimmed and compared with zero as Decimal does', () => {
  const values = ['0', '0.0000000000', '100.00', '100.50', '10.10', '0.0000001000', '123456789012.3400', '7', '1.5'];
  for (const v of [...values, '-1.50', '-0.00', '1e-7', '0010.5'])
    for (const form of [v, `${v}0`]) {
      assert.equal(decimal(form), trimDecimal(form), form);
      assert.equal(positive(form), dec(form).gt(0), form);
    }
});

test('decimals and date-times as SAF-T writes them', () => {
  assert.equal(decimal('23.3938000000'), '23.3938');
  assert.equal(decimal('0.0000001000'), '0.0000001');
  assert.equal(decimal('100.00'), '100');
  assert.equal(dateTime('2026-10-05 10:11:12'), '2026-10-05T10:11:12');
  assert.equal(dateTime('2026-10-05T10:11'), '2026-10-05T10:11:00');
});
