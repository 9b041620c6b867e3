import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkWebhookUrl, isNonPublicAddress } from './endpoint-url.js';

describe('webhook endpoint URLs', () => {
  test('non-public addresses', () => {
    for (const ip of [
      '127.0.0.1',
      '10.0.0.1',
      '172.16.5.4',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '224.0.0.1',
      '::1',
      '::',
      'fe80::1',
      'fd00::1',
      '::ffff:127.0.0.1',
      '::ffff:10.0.0.1',
    ]) {
      assert.ok(isNonPublicAddress(ip), ip);
    }
    for (const ip of ['8.8.8.8', '172.32.0.1', '2001:4860:4860::8888', 'example.com', '::ffff:8.8.8.8'])
      assert.ok(!isNonPublicAddress(ip), ip);
  });

  test('the production policy: https only, public hosts only', () => {
    const prod = { allowHttp: false, allowPrivateNetworks: false };
    assert.deepEqual(checkWebhookUrl('https://erp.example.com/hooks?x=1', prod), {
      url: 'https://erp.example.com/hooks?x=1',
    });
    for (const bad of [
      'http://erp.example.com/',
      'https://localhost/',
      'https://127.0.0.1:8443/',
      'https://[::1]/',
      'https://u:p@erp.example.com/',
      'ftp://x.pt/',
      'x',
    ]) {
      assert.ok('issues' in checkWebhookUrl(bad, prod), bad);
    }
    assert.deepEqual(checkWebhookUrl('http://127.0.0.1:3000/h', { allowHttp: true, allowPrivateNetworks: true }), {
      url: 'http://127.0.0.1:3000/h',
    });
  });
});
