import { test } from 'node:test';
import assert from 'node:assert/strict';
import { safeNext } from './cookies.js';

test('only a console path may follow sign-in or the language switch', () => {
  for (const ok of ['/console', '/console/documents?status=draft', '/console/documents/12#lines'])
    assert.equal(safeNext(ok), ok);
  for (const bad of [
    'https://evil.example/console',
    '//evil.example/console',
    '/console//evil.example',
    '/\\evil.example',
    '/consoleevil',
    '/v1/documents',
    '/console/\u0000',
    '/console/\nlocation',
    undefined,
    ['/console/a'],
    '/console/' + 'a'.repeat(3000),
  ])
    assert.equal(safeNext(bad), '/console', String(bad));
});
