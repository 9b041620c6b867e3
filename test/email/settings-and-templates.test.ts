import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { TestApp } from '../support/app.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';
import { FROM, emailApp, invoice, settle } from './email-env.js';

let t: TestApp;
let installation: SmtpSink;
let own: SmtpSink;
const OWN_AUTH = { user: 'faturacao@empresa.pt', pass: 's3gredo-SMTP!' };
before(async () => {
  installation = await startSmtpSink();
  own = await startSmtpSink({ auth: OWN_AUTH });
  t = await emailApp(installation);
});
after(async () => {
  await t?.close();
  await installation?.close();
  await own?.close();
});

describe('SMTP settings: installation-wide, with a per-account override', () => {
  test('by default the installation’s server is used; a test send reports the server’s answer and is logged', async () => {
    const s = await t.call('GET', '/v1/email/smtp');
    assert.equal(s.status, 200);
    assert.deepEqual(
      [s.body.source, s.body.account, s.body.installation],
      ['installation', null, { configured: true, from: FROM }],
    );
    const n = installation.messages.length;
    const r = await t.call('POST', '/v1/email/test', { to: 'admin@empresa.pt' });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.ok, true);
    assert.deepEqual(
      [r.body.smtp.source, r.body.smtp.host, r.body.smtp.port],
      ['installation', '127.0.0.1', installation.port],
    );
    assert.match(r.body.response, /^250 /);
    assert.equal(installation.messages.length, n + 1);
    assert.equal(installation.messages.at(-1)!.subject, 'Faturador: test message');
    const log = await t.call('GET', '/v1/emails?kind=test');
    assert.equal(log.body.data[0].id, r.body.emailId);
    assert.deepEqual(
      [log.body.data[0].status, log.body.data[0].documentId, log.body.data[0].log[0].result],
      ['sent', null, 'sent'],
    );
  });

  test('an account’s own server (with authentication) replaces it; the password is sealed at rest and never returned', async () => {
    const put = await t.call('PUT', '/v1/email/smtp', {
      host: '127.0.0.1',
      port: own.port,
      secure: false,
      username: OWN_AUTH.user,
      password: OWN_AUTH.pass,
      from: 'Empresa Teste <faturas@empresa.pt>',
      replyTo: 'geral@empresa.pt',
    });
    assert.equal(put.status, 200, JSON.stringify(put.body));
    assert.deepEqual(put.body.account, {
      host: '127.0.0.1',
      port: own.port,
      secure: false,
      username: OWN_AUTH.user,
      passwordSet: true,
      from: 'Empresa Teste <faturas@empresa.pt>',
      replyTo: 'geral@empresa.pt',
      updatedAt: put.body.account.updatedAt,
    });
    assert.equal(put.body.source, 'account');
    assert.ok(!JSON.stringify(put.body).includes(OWN_AUTH.pass));
    assert.ok(!JSON.stringify((await t.call('GET', '/v1/email/smtp')).body).includes(OWN_AUTH.pass));
    const row = await t.db.database.db
      .selectFrom('email_smtp_settings')
      .select('password_sealed')
      .where('account_id', '=', t.account.accountId)
      .executeTakeFirstOrThrow();
    assert.match(row.password_sealed!, /^v1:[0-9a-f]{8}:/);
    assert.ok(!row.password_sealed!.includes(OWN_AUTH.pass));

    const test1 = await t.call('POST', '/v1/email/test', { to: ['admin@empresa.pt'], subject: 'Teste', body: 'Olá' });
    assert.equal(test1.body.ok, true, JSON.stringify(test1.body));
    assert.equal(test1.body.smtp.source, 'account');
    const got = own.messages.at(-1)!;
    assert.equal(got.user, OWN_AUTH.user, 'authenticated with the stored password');
    assert.equal(got.from, 'Empresa Teste <faturas@empresa.pt>');
    assert.equal(got.headers.get('reply-to'), 'geral@empresa.pt');

    // Documents of this account go through it; another account still uses the installation's.
    const n = installation.messages.length;
    const m = own.messages.length;
    await t.call('POST', '/v1/documents', invoice({ finalize: true, sendTo: 'cliente@cliente.pt' }));
    const other = await t.newAccount();
    await t.call('POST', '/v1/documents', invoice({ finalize: true, sendTo: 'cliente@outro.pt' }), {
      key: other.apiKey,
    });
    await settle(t);
    assert.equal(own.messages.length, m + 1);
    assert.equal(installation.messages.length, n + 1);
    assert.deepEqual(installation.messages.at(-1)!.envelope.to, ['cliente@outro.pt']);
    assert.equal((await t.call('GET', '/v1/email/smtp', undefined, { key: other.apiKey })).body.source, 'installation');
  });

  test('updating without a password keeps it; a wrong password makes the test send fail with the server’s answer', async () => {
    const keep = await t.call('PUT', '/v1/email/smtp', { host: '127.0.0.1', port: own.port, username: OWN_AUTH.user });
    assert.equal(keep.body.account.passwordSet, true);
    assert.equal((await t.call('POST', '/v1/email/test', { to: 'admin@empresa.pt' })).body.ok, true);

    await t.call('PUT', '/v1/email/smtp', {
      host: '127.0.0.1',
      port: own.port,
      username: OWN_AUTH.user,
      password: 'errada',
    });
    const bad = await t.call('POST', '/v1/email/test', { to: 'admin@empresa.pt' });
    assert.equal(bad.status, 200);
    assert.equal(bad.body.ok, false);
    assert.match(bad.body.error, /Invalid username or password|535/);
    const log = (await t.call('GET', '/v1/emails?kind=test&status=failed')).body.data[0];
    assert.equal(log.id, bad.body.emailId);
    assert.equal(log.log[0].smtpCode, 535);
  });

  test('bad settings are refused field by field', async () => {
    const r = await t.call('PUT', '/v1/email/smtp', {
      host: 'smtp://mail.example.com',
      from: 'not a mailbox',
      replyTo: 'x',
      password: 'p',
    });
    assert.equal(r.status, 422);
    assert.deepEqual(r.body.error.details.map((d: any) => d.field).sort(), ['from', 'host', 'replyTo', 'username']);
    const port = await t.call('PUT', '/v1/email/smtp', { host: 'mail.example.com', port: 70000 });
    assert.equal(port.status, 422);
  });

  test('DELETE goes back to the installation’s server', async () => {
    assert.equal((await t.call('DELETE', '/v1/email/smtp')).status, 204);
    const s = await t.call('GET', '/v1/email/smtp');
    assert.deepEqual([s.body.source, s.body.account], ['installation', null]);
    const r = await t.call('POST', '/v1/email/test', { to: 'admin@empresa.pt' });
    assert.equal(r.body.smtp.source, 'installation');
  });
});

describe('templates per account and language', () => {
  test('the three languages have defaults and list their placeholders', async () => {
    for (const [lang, word] of [
      ['pt', 'Caro(a)'],
      ['en', 'Dear'],
      ['fr', 'Bonjour'],
    ] as const) {
      const r = await t.call('GET', `/v1/email/templates/${lang}`);
      assert.equal(r.status, 200);
      assert.equal(r.body.custom, false);
      assert.equal(r.body.subject, '{{documentType}} {{documentNumber}} · {{accountName}}');
      assert.ok(r.body.body.startsWith(`{{#customerName}}${word}`));
      assert.ok(
        ['documentNumber', 'customerName', 'total', 'dueDate', 'accountName', 'downloadUrl'].every(
          (p) => p in r.body.placeholders,
        ),
      );
    }
    assert.equal((await t.call('GET', '/v1/email/templates/de')).status, 422);
  });

  test('a custom template fills the placeholders and sections, with a download link that needs no API key', async () => {
    const put = await t.call('PUT', '/v1/email/templates/en', {
      subject: '{{accountName}}: {{documentType}} {{documentNumber}} ({{total}})',
      body: 'Hello{{#customerName}} {{customerName}}{{/customerName}},\n{{#reference}}Ref. {{reference}}.{{/reference}}{{^reference}}No reference.{{/reference}} Due {{dueDate}}.\nPDF: {{downloadUrl}}\n',
    });
    assert.equal(put.status, 200, JSON.stringify(put.body));
    assert.equal(put.body.custom, true);
    const doc = await t.call(
      'POST',
      '/v1/documents',
      invoice({ finalize: true, language: 'en', sendTo: 'buyer@client.example' }),
    );
    const n = installation.messages.length;
    await settle(t);
    const mail = installation.messages[n];
    assert.equal(mail.subject, `${doc.body.seller.name}: Invoice ${doc.body.number} (€246.00)`);
    const link = /PDF: https:\/\/faturas\.example\.pt(\/download\/\d+\/[0-9a-f]{48})\n/.exec(mail.text);
    assert.ok(link, mail.text);
    assert.ok(mail.text.startsWith('Hello Cliente Exemplo, Lda,\nNo reference. Due 2099-12-31.\n'), mail.text);
    const download = await t.app.inject({ method: 'GET', url: link[1] });
    assert.equal(download.statusCode, 200);
    assert.equal(download.headers['content-type'], 'application/pdf');
    // Other languages keep their defaults.
    assert.equal((await t.call('GET', '/v1/email/templates/pt')).body.custom, false);
  });

  test('unknown placeholders and unbalanced sections are refused; DELETE restores the default', async () => {
    const bad = await t.call('PUT', '/v1/email/templates/fr', {
      subject: 'Facture {{numero}}',
      body: '{{#dueDate}}Échéance {{dueDate}}',
    });
    assert.equal(bad.status, 422);
    assert.deepEqual(
      bad.body.error.details.map((d: any) => [d.field, d.issue, d.value]),
      [
        ['subject', 'unknown', 'numero'],
        ['body', 'invalid', 'dueDate'],
      ],
    );
    assert.equal((await t.call('GET', '/v1/email/templates/fr')).body.custom, false, 'nothing stored');
    assert.equal((await t.call('DELETE', '/v1/email/templates/en')).status, 204);
    const en = await t.call('GET', '/v1/email/templates/en');
    assert.equal(en.body.custom, false);
  });
});
