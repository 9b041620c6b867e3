import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../support/app.js';
import { lazySchemasOf } from '../../src/http/lazy-schemas.js';

// Route validators and serializers compile on first use (start-up time): the same answers, and none broken.
let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(async () => {
  await t?.close();
});

const line = { description: 'A', quantity: '1', unitPrice: '10', taxName: 'IVA23' };

test('a validator compiled on its first request refuses an unknown field with a 422 naming it', async () => {
  const r = await t.call('POST', '/v1/documents', { type: 'FT', finalise: true, lines: [line] });
  assert.equal(r.status, 422);
  assert.match(JSON.stringify(r.body), /finalise/);
});

test('query strings are still coerced by the lazily compiled validator', async () => {
  const created = await t.call('POST', '/v1/documents', { type: 'FT', lines: [line] });
  assert.equal(created.status, 201);
  const listed = await t.call('GET', '/v1/documents?perPage=1');
  assert.equal(listed.status, 200);
  assert.equal(listed.body.data?.length ?? listed.body.length, 1);
  const bad = await t.call('GET', '/v1/documents?perPage=abc');
  assert.equal(bad.status, 422);
});

test('every route schema compiles (none is left to fail on its first request)', () => {
  const schemas = lazySchemasOf.get(t.app);
  assert.ok(schemas, 'the server was built with lazy schemas');
  const compiled = schemas.compileAll();
  assert.ok(compiled > 100, `compiled ${compiled} validators and serializers`);
  assert.equal(schemas.compileAll(), 0);
});
