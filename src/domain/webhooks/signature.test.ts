import { createHmac } from 'node:crypto';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { signatureHeader, verifySignature } from './signature.js';

describe('webhook signatures', () => {
  const body = '{"id":"evt_1","type":"document.finalized"}';
  test('t=<unix>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>', () => {
    const expected = createHmac('sha256', 'whsec_a').update(`1700000000.${body}`).digest('hex');
    assert.equal(signatureHeader(['whsec_a'], 1700000000, body), `t=1700000000,v1=${expected}`);
  });

  test('verification: any of the v1 values, constant time, within the tolerance', () => {
    const h = signatureHeader(['whsec_new', 'whsec_old'], 1700000000, body);
    assert.deepEqual(verifySignature(h, body, 'whsec_new', 1700000100), { ok: true, timestamp: 1700000000 });
    assert.deepEqual(verifySignature(h, body, 'whsec_old', 1700000100), { ok: true, timestamp: 1700000000 });
    assert.deepEqual(verifySignature(h, body, 'whsec_other', 1700000100), { ok: false, reason: 'no_match' });
    assert.deepEqual(verifySignature(h, `${body} `, 'whsec_new', 1700000100), { ok: false, reason: 'no_match' });
    assert.deepEqual(verifySignature(h, body, 'whsec_new', 1700000301), { ok: false, reason: 'too_old' });
    assert.deepEqual(verifySignature(h, body, 'whsec_new', 1699999000), { ok: false, reason: 'in_future' });
    assert.deepEqual(verifySignature('v1=abc', body, 'whsec_new', 1700000000), { ok: false, reason: 'malformed' });
  });
});
