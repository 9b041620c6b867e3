import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LenientReader, type ReaderOptions } from './reader.js';

class Refused extends Error {
  constructor(readonly issues: string[]) {
    super(issues.join('; '));
  }
}

// Numbered field codes, as bill.pt's: `<code>.<path>`.
const code = (n: number) => (f: { path: string }) => `${n}.${f.path}`;
const codes: ReaderOptions = {
  messages: {
    invalid: code(9),
    notInteger: code(7),
    notDecimal: code(10),
    notBoolean: code(5),
    required: code(1),
    notList: code(9),
    notListItem: (f, i) => `${code(9)(f)}.${i}`,
    refuse: (issues) => new Refused(issues),
  },
  blankObjectIsEmpty: true,
  anyObjectIsList: true,
  blankBooleanIsAbsent: true,
};
const words: ReaderOptions = {
  messages: {
    ...codes.messages,
    invalid: (f) => `${f.key} is invalid`,
    notInteger: (f) => `${f.key} is not a number`,
    notDecimal: (f) => `${f.key} is not a number`,
    notBoolean: (f) => `${f.key} is invalid`,
    notList: (f) => `${f.key} element should be of type array`,
  },
  sharedIssues: true,
  blankTextIsNull: true,
};

const refusal = (fn: () => void) => {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof Refused);
    return err.issues;
  }
  assert.fail('expected a refusal');
};

test('lenient reads: strings and numbers alike, a comma as decimal point, aliases, blanks as absent', () => {
  const r = new LenientReader({ qty: ' 2 ', price: '1,5', on: 'yes', off: 0, b: '', name: '', alias: 'x' }, codes);
  assert.equal(r.int('qty'), 2);
  assert.equal(r.decimal('price'), '1.5');
  assert.equal(r.bool('on'), true);
  assert.equal(r.bool('off'), false);
  assert.equal(r.bool('b'), undefined);
  assert.equal(r.text('name'), null, 'an empty text clears the field');
  assert.equal(r.text('missing'), undefined);
  assert.equal(r.text('nome', 'alias'), 'x');
  assert.deepEqual(r.issues, []);
});

test('problems are gathered in the messages the dialect plugs in, and refused together once each', () => {
  const body = { qty: 'two', price: 'abc', items: [{ a: 1 }, 'x'], flag: 'maybe' };
  const r = new LenientReader(body, codes);
  r.int('qty');
  r.decimal('price');
  const items = r.listOf(['items']);
  r.bool('flag');
  r.require('customer');
  r.int('qty');
  assert.equal(items?.length, 2);
  assert.deepEqual(
    refusal(() => r.check(...(items ?? []))),
    ['7.qty', '10.price', '9.items.1', '5.flag', '1.customer'],
  );

  const w = new LenientReader(body, words);
  w.int('qty');
  w.decimal('price');
  w.bool('flag');
  assert.deepEqual(
    refusal(() => w.check()),
    ['qty is not a number', 'price is not a number', 'flag is invalid'],
  );
});

test('nested readers: named by path, sharing or keeping their issues as the dialect says', () => {
  const body = { produtos: { 0: { preco: 'x' } }, contato: '', cliente: { nif: 'y' } };
  const own = new LenientReader(body, codes);
  const [line] = own.listOf(['produtos'])!;
  line.decimal('preco');
  assert.deepEqual(own.issues, [], 'each nested reader keeps its own');
  assert.deepEqual(line.issues, ['10.produtos.0.preco']);
  assert.deepEqual(own.sub('contato')?.data, {}, 'a blank object reads as an empty one');

  const shared = new LenientReader(body, words);
  shared.sub('cliente')!.int('nif');
  assert.equal(shared.sub('contato'), undefined, 'a blank object reads as absent');
  assert.deepEqual(shared.issues, ['nif is not a number'], 'nested issues are the parent’s');
  assert.equal(shared.text('missing'), undefined);
  assert.equal(new LenientReader({ t: '  ' }, words).text('t'), null, 'spaces clear a text');
  assert.equal(new LenientReader({ t: '  ' }, codes).text('t'), '  ');
});

test('lists: arrays, objects of items, and XML wrappers named by their element', () => {
  const xml = new LenientReader({ items: { item: { name: 'A' } }, more: { item: [{ n: 1 }, { n: 2 }] } }, words);
  assert.deepEqual(
    xml.listOf(['items'], 'item')!.map((i) => i.data),
    [{ name: 'A' }],
  );
  assert.equal(xml.listOf(['more'], 'item')!.length, 2);
  const odd = new LenientReader({ items: { a: 1 } }, words);
  assert.equal(odd.listOf(['items'], 'item'), undefined);
  assert.deepEqual(odd.issues, ['items element should be of type array']);
  assert.equal(new LenientReader({ items: { a: { x: 1 } } }, codes).listOf(['items'])!.length, 1);
});

test('ids: a positive integer, 0 or blank as none, lists in every spelling', () => {
  const r = new LenientReader({ a: '0', b: '', c: '12', d: '-3', l: '[1, 32]', m: ['4', 5] }, codes);
  assert.equal(r.id('a'), null);
  assert.equal(r.id('b'), null);
  assert.equal(r.id('c'), 12);
  assert.equal(r.id('d'), undefined);
  assert.deepEqual(r.ids('l'), [1, 32]);
  assert.deepEqual(r.ids('m'), [4, 5]);
  assert.deepEqual(r.issues, ['7.d']);
});
