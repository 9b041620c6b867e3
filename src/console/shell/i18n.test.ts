import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chooseLang, translator } from './i18n.js';

test('the language: the cookie first, then the best of pt/en in Accept-Language by q, else pt', () => {
  assert.equal(chooseLang('en', 'pt-PT'), 'en');
  assert.equal(chooseLang('xx', 'en-GB,en;q=0.9'), 'en');
  assert.equal(chooseLang(undefined, 'fr-FR, en;q=0.5, pt;q=0.8'), 'pt');
  assert.equal(chooseLang(undefined, 'fr, de;q=0.9'), 'pt');
  assert.equal(chooseLang(undefined, 'en;q=0, pt-BR;q=0.1'), 'pt');
  assert.equal(chooseLang(undefined, undefined), 'pt');
  assert.equal(chooseLang(undefined, 'en;q=abc'), 'pt');
});

test('t: {var} replaced, an unknown var left as is, an unknown key shown as itself', () => {
  const t = translator({ hello: 'Olá {name}, {n} faturas {missing}', proto: 'x' });
  assert.equal(t('hello', { name: 'Ana', n: 3 }), 'Olá Ana, 3 faturas {missing}');
  assert.equal(t('nope.key'), 'nope.key');
  assert.equal(t('toString'), 'toString');
});
