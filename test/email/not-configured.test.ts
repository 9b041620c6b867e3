import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { emailApp, invoice, type EmailTestApp } from './email-env.js';

let t: EmailTestApp;
before(async () => {
  t = await emailApp(null, { secretKey: undefined });
});
after(async () => {
  await t?.close();
});

describe('no SMTP server and no secret key configured', () => {
  test('the settings say so; a test send is a 409, not a 5xx', async () => {
    const s = await t.call('GET', '/v1/email/smtp');
    assert.equal(s.body.source, 'none');
    assert.match(s.body.secretStorageReason, /FATURADOR_SECRET_KEY/);
    const r = await t.call('POST', '/v1/email/test', { to: 'admin@empresa.pt' });
    assert.equal(r.status, 409);
    assert.equal(r.body.error.code, 'email_not_configured');
    assert.match(r.body.error.message, /SMTP_HOST/);
  });

  test('a password cannot be stored without a secret key (409), but a server without authentication can', async () => {
    const r = await t.call('PUT', '/v1/email/smtp', { host: 'mail.example.com', username: 'u', password: 'p' });
    assert.equal(r.status, 409);
    assert.equal(r.body.error.code, 'secret_key_not_configured');
    assert.match(r.body.error.message, /^The SMTP password cannot be stored/);
    const ok = await t.call('PUT', '/v1/email/smtp', { host: 'mail.example.com', port: 2525 });
    assert.equal(ok.status, 200);
    assert.equal(ok.body.account.passwordSet, false);
    await t.call('DELETE', '/v1/email/smtp');
  });

  test('documents are still finalized with sendTo; the e-mail waits and retries until SMTP is configured', async () => {
    const doc = await t.call('POST', '/v1/documents', invoice({ finalize: true, sendTo: 'cliente@cliente.pt' }));
    assert.equal(doc.status, 201);
    await t.stepper.drain();
    const e = (await t.call('GET', `/v1/documents/${doc.body.id}/emails`)).body.data[0];
    assert.equal(e.status, 'retrying');
    assert.match(e.lastError, /No SMTP server is configured/);
    assert.deepEqual(
      e.log.map((a: any) => [a.result, a.server]),
      [['retry', null]],
    );
  });
});
