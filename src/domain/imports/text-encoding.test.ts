import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeText, delimiterOf, detectDelimiter, utf8BomLength } from './text-encoding.js';

test('UTF-8 with or without a byte order mark, and Latin-1 when the bytes are not UTF-8', () => {
  const utf8 = Buffer.from('Descrição;Preço\n', 'utf8');
  assert.deepEqual(decodeText(utf8), { text: 'Descrição;Preço\n', encoding: 'utf-8' });
  assert.equal(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8])).text, 'Descrição;Preço\n');
  assert.deepEqual(decodeText(Buffer.from('Descrição;Preço\n', 'latin1')), {
    text: 'Descrição;Preço\n',
    encoding: 'windows-1252',
  });
});

test('the separator is the one the header line has more of, outside quotes', () => {
  assert.equal(detectDelimiter('a;b;c\n1,5;2;3'), ';');
  assert.equal(detectDelimiter('a,b,c\n1;2;3'), ',');
  assert.equal(detectDelimiter('"a;b;c",d\n'), ',');
});

test('a stream knows when it has read the whole header line to choose the separator', () => {
  assert.deepEqual(delimiterOf('a;b;c'), { delimiter: ';', complete: false });
  assert.deepEqual(delimiterOf('"x\ny",a,b;c\r\n1'), { delimiter: ',', complete: true });
  assert.equal(utf8BomLength(Buffer.from([0xef, 0xbb, 0xbf, 0x41])), 3);
  assert.equal(utf8BomLength(Buffer.from('A')), 0);
});
