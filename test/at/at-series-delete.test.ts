import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { skipUnlessFakeAt } from '../support/fake-at-server.js';
import { startAtEnv, type AtAccount, type AtEnv } from './at-env.js';

describe('deleting a series AT knows', skipUnlessFakeAt(), () => {
  let env: AtEnv;
  let a: AtAccount;
  before(async () => {
    env = await startAtEnv();
    a = await env.account();
  });
  after(async () => {
    await env?.close();
  });

  test('a registered, unused series is refused (409) and keeps its code; after annul-at it can be deleted', async () => {
    const s = await a.call('POST', '/v1/series', { code: 'DEL' });
    assert.equal(s.status, 201, JSON.stringify(s.body));
    const reg = await a.call('POST', `/v1/series/${s.body.id}/register`, { docType: 'FT' });
    assert.equal(reg.status, 200, JSON.stringify(reg.body));
    const code = reg.body.registration.validationCode;

    const refused = await a.call('DELETE', `/v1/series/${s.body.id}`);
    assert.equal(refused.status, 409, JSON.stringify(refused.body));
    assert.equal(refused.body.error.code, 'in_use');
    assert.match(refused.body.error.message, /annul/i);
    const kept = await a.call('GET', `/v1/series/${s.body.id}`);
    assert.equal(kept.status, 200);
    assert.equal(kept.body.docTypes.find((t: { type: string }) => t.type === 'FT').validationCode, code);

    const ann = await a.call('POST', `/v1/series/${s.body.id}/annul-at`, { docType: 'FT' });
    assert.equal(ann.status, 200, JSON.stringify(ann.body));
    const deleted = await a.call('DELETE', `/v1/series/${s.body.id}`);
    assert.equal(deleted.status, 204, JSON.stringify(deleted.body));
    assert.equal((await a.call('GET', `/v1/series/${s.body.id}`)).status, 404);
  });

  test('a series never registered is still deleted', async () => {
    const s = await a.call('POST', '/v1/series', { code: 'DEL2' });
    assert.equal(s.status, 201, JSON.stringify(s.body));
    const deleted = await a.call('DELETE', `/v1/series/${s.body.id}`);
    assert.equal(deleted.status, 204, JSON.stringify(deleted.body));
  });
});
