import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { TestApp } from '../support/app.js';
import { startBillptApp } from './client.js';

/** A route's twin with one trailing slash (#14 item 1) is checked with the route's own scope, not a looser one. */
let t: TestApp;
before(async () => {
  ({ t } = await startBillptApp());
});
after(async () => {
  await t?.close();
});

test('with a trailing slash, AT credentials and SMTP still need an admin key; reads and writes keep theirs', async () => {
  const issue = await t.call('POST', '/v1/api-keys', { name: 'issue', scope: 'issue' });
  assert.equal(issue.status, 201);
  const send = (method: 'GET' | 'POST', path: string, key: string) =>
    t.app.inject({
      method,
      url: `/billpt/api/1.0/${path}`,
      headers: { authorization: `Bearer ${key}` },
      ...(method === 'POST' ? { payload: {} } : {}),
    });
  for (const path of ['smtp', 'smtp/', 'at/configurar', 'at/configurar/']) {
    const r = await send(path.startsWith('smtp') ? 'GET' : 'POST', path, issue.body.key);
    assert.equal(r.statusCode, 403, `${path}: ${r.body}`);
    assert.deepEqual(r.json(), { error: ['245'] });
  }
  const read = await send('GET', 'contatos/', issue.body.key);
  assert.equal(read.statusCode, 200, read.body);
});
