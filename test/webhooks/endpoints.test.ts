import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { emailApp, type EmailTestApp } from '../email/email-env.js';

let t: EmailTestApp;
let strict: EmailTestApp;
before(async () => {
  t = await emailApp(null);
  // As in production: https only, no private destinations.
  strict = await emailApp(null, { webhooks: { allowHttp: false, allowPrivateNetworks: false } });
});
after(async () => {
  await t?.close();
  await strict?.close();
});

describe('webhook endpoints', () => {
  test('create returns the secret once; list and get show only its hint; patch and delete', async () => {
    const c = await t.call('POST', '/v1/webhooks', {
      url: 'http://127.0.0.1:9/hook',
      events: ['document.finalized', 'document.paid', 'document.finalized'],
      description: 'ERP',
    });
    assert.equal(c.status, 201, JSON.stringify(c.body));
    assert.match(c.body.secret, /^whsec_[A-Za-z0-9_-]{43}$/);
    assert.deepEqual(
      [c.body.url, c.body.events, c.body.enabled, c.body.description],
      ['http://127.0.0.1:9/hook', ['document.finalized', 'document.paid'], true, 'ERP'],
    );
    assert.equal(c.body.secretHint, `whsec_…${c.body.secret.slice(-4)}`);
    const row = await t.db.database.db
      .selectFrom('webhook_endpoints')
      .select('secret_sealed')
      .where('id', '=', c.body.id)
      .executeTakeFirstOrThrow();
    assert.ok(!row.secret_sealed.includes(c.body.secret.slice(6)), 'sealed at rest');

    const list = await t.call('GET', '/v1/webhooks');
    assert.deepEqual(
      list.body.data.map((e: any) => e.id),
      [c.body.id],
    );
    assert.ok(!JSON.stringify(list.body).includes(c.body.secret));
    const got = await t.call('GET', `/v1/webhooks/${c.body.id}`);
    assert.equal(got.body.secret, undefined);

    const p = await t.call('PATCH', `/v1/webhooks/${c.body.id}`, { events: ['*'], enabled: false, description: null });
    assert.equal(p.status, 200, JSON.stringify(p.body));
    assert.deepEqual([p.body.events, p.body.enabled, p.body.description], [['*'], false, null]);

    const other = await t.newAccount();
    assert.equal((await t.call('GET', `/v1/webhooks/${c.body.id}`, undefined, { key: other.apiKey })).status, 404);
    assert.equal((await t.call('DELETE', `/v1/webhooks/${c.body.id}`, undefined, { key: other.apiKey })).status, 404);
    assert.equal((await t.call('DELETE', `/v1/webhooks/${c.body.id}`)).status, 204);
    assert.equal((await t.call('GET', `/v1/webhooks/${c.body.id}`)).status, 404);
  });

  test('rotating the secret returns a new one', async () => {
    const c = await t.call('POST', '/v1/webhooks', { url: 'https://erp.example.com/hook', events: ['*'] });
    const r = await t.call('POST', `/v1/webhooks/${c.body.id}/rotate-secret`, {});
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.notEqual(r.body.secret, c.body.secret);
    assert.equal(r.body.previousSecretExpiresAt, null);
    const g = await t.call('POST', `/v1/webhooks/${c.body.id}/rotate-secret`, { graceSeconds: 3600 });
    assert.ok(Date.parse(g.body.previousSecretExpiresAt) > Date.now() + 3500_000);
    assert.equal(
      (await t.call('POST', `/v1/webhooks/${c.body.id}/rotate-secret`, { graceSeconds: 10_000_000 })).status,
      422,
    );
    await t.call('DELETE', `/v1/webhooks/${c.body.id}`);
  });

  test('bad input is refused field by field and writes nothing', async () => {
    const bad = await t.call('POST', '/v1/webhooks', {
      url: 'ftp://example.com/x',
      events: ['document.finalised', 'email.delivered'],
    });
    assert.equal(bad.status, 422);
    assert.deepEqual(
      bad.body.error.details.map((d: any) => [d.field, d.issue]),
      [
        ['url', 'invalid'],
        ['events[0]', 'unknown'],
      ],
    );
    for (const url of ['not a url', 'https://user:pass@example.com/hook', 'https://example.com/hook#frag']) {
      const r = await t.call('POST', '/v1/webhooks', { url, events: ['*'] });
      assert.equal(r.status, 422, url);
      assert.equal(r.body.error.details[0].field, 'url');
    }
    assert.equal((await t.call('POST', '/v1/webhooks', { url: 'https://example.com', events: [] })).status, 422);
    assert.equal((await t.call('PATCH', '/v1/webhooks/999999', { enabled: false })).status, 404);
    assert.deepEqual((await t.call('GET', '/v1/webhooks')).body.data, []);
  });

  test('in production only https, and never private or loopback destinations', async () => {
    const http = await strict.call('POST', '/v1/webhooks', { url: 'http://erp.example.com/hook', events: ['*'] });
    assert.equal(http.status, 422);
    assert.match(http.body.error.details[0].message, /https/);
    for (const url of [
      'https://127.0.0.1/hook',
      'https://localhost:8443/hook',
      'https://10.1.2.3/hook',
      'https://[::1]/hook',
      'https://169.254.169.254/latest',
    ]) {
      const r = await strict.call('POST', '/v1/webhooks', { url, events: ['*'] });
      assert.equal(r.status, 422, url);
      assert.match(r.body.error.details[0].message, /private or loopback/);
    }
    const ok = await strict.call('POST', '/v1/webhooks', { url: 'https://erp.example.com/hook', events: ['*'] });
    assert.equal(ok.status, 201);
  });

  test('an account has at most 20 endpoints', async () => {
    const a = await t.newAccount();
    for (let i = 0; i < 20; i++)
      assert.equal(
        (await t.call('POST', '/v1/webhooks', { url: `https://example.com/${i}`, events: ['*'] }, { key: a.apiKey }))
          .status,
        201,
      );
    const over = await t.call(
      'POST',
      '/v1/webhooks',
      { url: 'https://example.com/21', events: ['*'] },
      { key: a.apiKey },
    );
    assert.equal(over.status, 409);
  });
});
