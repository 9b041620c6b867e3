import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { deflateSync } from 'node:zlib';
import { startTestApp, type TestApp } from '../support/app.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';
import { getPage, postFormAs, signInInject, type InjectSession } from './support.js';

/** The settings area at the HTTP level: each page's happy and error paths, and the admin scope they all need. */
let t: TestApp;
let sink: SmtpSink;
let rx: WebhookReceiver;
let admin: Session;

type Session = InjectSession;

/** Signs in to the console with an API key through the sign-in form, as a browser does. */
const signIn = (apiKey: string) => signInInject(t, { apiKey });

const get = (url: string, who = admin, headers: Record<string, string> = {}) => getPage(t, url, who, headers);
const post = (url: string, form: Record<string, string | string[]> = {}, who = admin) => postFormAs(t, url, form, who);

/** A multipart body with the CSRF field first, then the file. */
function multipart(file: { name: string; type: string; bytes: Buffer }, csrf: string) {
  const boundary = '----settings' + Math.random().toString(16).slice(2);
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${csrf}\r\n`),
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="logo"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
    ),
    file.bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, contentType: `multipart/form-data; boundary=${boundary}` };
}

/** A valid PNG of w×h pixels (grey), built here so the test needs no fixture file. */
function png(w: number, h: number): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const x of b) c = crcTable[(c ^ x) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  const raw = Buffer.alloc((w + 1) * h, 0x80);
  for (let y = 0; y < h; y++) raw[y * (w + 1)] = 0;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const uploadLogo = (file: { name: string; type: string; bytes: Buffer }, who = admin) => {
  const { payload, contentType } = multipart(file, who.csrf);
  return t.app.inject({
    method: 'POST',
    url: '/console/settings/logo',
    payload,
    headers: { cookie: who.cookie, 'content-type': contentType },
  });
};

/** The error text shown beside a field (its element id is `<field>-error`, referenced by the input). */
function errorBeside(html: string, field: string): string | null {
  const m = new RegExp(`<p class="field-error" id="${field}-error">([^<]*)</p>`).exec(html);
  if (!m) return null;
  assert.match(html, new RegExp(`aria-describedby="[^"]*${field}-error`), `the ${field} input points at its error`);
  return m[1];
}

before(async () => {
  sink = await startSmtpSink();
  rx = await startWebhookReceiver();
  t = await startTestApp({
    secretKey: '3c0ffee0'.repeat(8),
    webhooks: { timeoutMs: 1000, maxAttempts: 2 },
  });
  admin = await signIn(t.account.apiKey);
});
after(async () => {
  await t?.close();
  await rx?.close();
  await sink?.close();
});

describe('company, bank account and logo', () => {
  test('the company page shows the account; a bad IBAN is a 422 beside the field with the value kept', async () => {
    const page = await get('/console/settings');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Empresa Teste \d+, Lda/);
    assert.match(page.body, /503340855/);

    const bad = await post('/console/settings/bank', { iban: 'PT50 1234 5678', bic: '' });
    assert.equal(bad.statusCode, 422);
    assert.ok(errorBeside(bad.body, 'iban'));
    assert.match(bad.body, /value="PT50 1234 5678"/);

    const ok = await post('/console/settings/bank', { iban: 'BE68 5390 0754 7034', bic: 'GEBABEBB' });
    assert.equal(ok.statusCode, 303);
    assert.equal(ok.headers.location, '/console/settings?saved=bank');
    assert.equal((await t.call('GET', '/v1/account')).body.iban, 'BE68539007547034');
    const cleared = await post('/console/settings/bank', { iban: '', bic: '' });
    assert.equal(cleared.statusCode, 303);
    assert.equal((await t.call('GET', '/v1/account')).body.iban, null);
  });

  test('logo: a PNG is stored and shown; a text file, an empty form and an oversized file are 422 beside the field', async () => {
    const image = png(4, 3);
    const up = await uploadLogo({ name: 'logo.png', type: 'image/png', bytes: image });
    assert.equal(up.statusCode, 303, up.body);
    const shown = await get('/console/settings/logo');
    assert.equal(shown.statusCode, 200);
    assert.equal(shown.headers['content-type'], 'image/png');
    assert.deepEqual(shown.rawPayload, image);
    assert.match((await get('/console/settings')).body, /<img class="settings-logo" src="\/console\/settings\/logo/);

    for (const [file, issue] of [
      [{ name: 'notes.txt', type: 'text/plain', bytes: Buffer.from('not an image') }, /PNG or JPEG/],
      [{ name: '', type: 'application/octet-stream', bytes: Buffer.alloc(0) }, /Choose a PNG or JPEG/],
      [{ name: 'big.png', type: 'image/png', bytes: Buffer.concat([image, Buffer.alloc(1024 * 1024)]) }, /larger than/],
    ] as const) {
      const r = await uploadLogo(file);
      assert.equal(r.statusCode, 422, `${file.name}: ${r.statusCode}`);
      assert.match(errorBeside(r.body, 'logo') ?? '', issue);
    }
    // The stored logo is untouched by the refused uploads.
    assert.deepEqual((await get('/console/settings/logo')).rawPayload, image);

    const removed = await post('/console/settings/logo/delete');
    assert.equal(removed.statusCode, 303);
    assert.equal((await get('/console/settings/logo')).statusCode, 404);
  });

  test('an upload without its CSRF field is refused before the file is read', async () => {
    const { payload, contentType } = multipart({ name: 'l.png', type: 'image/png', bytes: png(2, 2) }, 'forged');
    const r = await t.app.inject({
      method: 'POST',
      url: '/console/settings/logo',
      payload,
      headers: { cookie: admin.cookie, 'content-type': contentType },
    });
    assert.equal(r.statusCode, 403);
    assert.equal((await get('/console/settings/logo')).statusCode, 404);
  });
});

describe('AT credentials', () => {
  test('a malformed sub-user is 422 beside it; the password is stored, shown only as "set", never echoed', async () => {
    const bad = await post('/console/settings/at', { environment: 'test', username: 'abc', password: 'segredo-at-1' });
    assert.equal(bad.statusCode, 422);
    assert.match(errorBeside(bad.body, 'username') ?? '', /NIF\/number/);
    assert.ok(!bad.body.includes('segredo-at-1'), 'the password is not sent back');

    const ok = await post('/console/settings/at', {
      environment: 'test',
      username: '503340855/1',
      password: 'segredo-at-1',
    });
    assert.equal(ok.statusCode, 303, ok.body);
    const page = await get('/console/settings/at');
    assert.match(page.body, /id="at-password-state">definida</);
    assert.match(page.body, /value="503340855\/1"/);
    assert.ok(!page.body.includes('segredo-at-1'));
    const api = await t.call('GET', '/v1/at/settings');
    assert.equal(api.body.passwordSet, true);

    // Saving again with the password left empty keeps it.
    const again = await post('/console/settings/at', {
      environment: 'test',
      username: '503340855/1',
      transportEnabled: 'on',
    });
    assert.equal(again.statusCode, 303, again.body);
    const kept = await t.call('GET', '/v1/at/settings');
    assert.equal(kept.body.passwordSet, true);
    assert.equal(kept.body.transportEnabled, true);

    const removed = await post('/console/settings/at/remove');
    assert.equal(removed.statusCode, 303);
    assert.match((await get('/console/settings/at')).body, /id="at-password-state">não definida</);
  });

  test('testing the connection without credentials answers a message, not an error page', async () => {
    const r = await post('/console/settings/at/test');
    assert.equal(r.statusCode, 409);
    assert.match(r.body, /role="alert"/);
    assert.match(r.body, /not set/);
  });
});

describe('SMTP', () => {
  test('settings are saved (password never shown back); a bad host or port is 422 beside it', async () => {
    const bad = await post('/console/settings/smtp', { host: 'smtp://x', port: '70000', password: 'pw-smtp-1' });
    assert.equal(bad.statusCode, 422);
    assert.ok(errorBeside(bad.body, 'host'));
    assert.ok(errorBeside(bad.body, 'port'));
    assert.ok(!bad.body.includes('pw-smtp-1'));

    const ok = await post('/console/settings/smtp', {
      host: sink.host,
      port: String(sink.port),
      username: 'faturas',
      password: 'pw-smtp-1',
      from: 'Faturas <faturas@empresa.test>',
    });
    assert.equal(ok.statusCode, 303, ok.body);
    const page = await get('/console/settings/smtp');
    assert.match(page.body, /id="smtp-password-state">definida</);
    assert.ok(!page.body.includes('pw-smtp-1'));

    // Without authentication on the sink: the password is removed with the box, the username cleared.
    const plain = await post('/console/settings/smtp', {
      host: sink.host,
      port: String(sink.port),
      clearPassword: 'on',
      from: 'Faturas <faturas@empresa.test>',
    });
    assert.equal(plain.statusCode, 303, plain.body);
    assert.match((await get('/console/settings/smtp')).body, /id="smtp-password-state">não definida</);
  });

  test('a test e-mail arrives at the SMTP server, and its answer is shown', async () => {
    const before = sink.messages.length;
    const bad = await post('/console/settings/smtp/test', { to: 'not-an-address' });
    assert.equal(bad.statusCode, 422);
    assert.ok(errorBeside(bad.body, 'to'));
    assert.equal(sink.messages.length, before);

    const r = await post('/console/settings/smtp/test', { to: 'contabilidade@empresa.test' });
    assert.equal(r.statusCode, 303, r.body);
    const [mail] = (await sink.waitFor(before + 1)).slice(before);
    assert.deepEqual(mail.envelope.to, ['contabilidade@empresa.test']);
    assert.equal(mail.envelope.from, 'faturas@empresa.test');
    const page = await get(r.headers.location!);
    assert.match(page.body, /data-status="sent"/);
    assert.match(page.body, /contabilidade@empresa\.test/);
  });
});

describe('e-mail templates', () => {
  test('edit with a preview, refuse a broken section beside the body, reset to the default', async () => {
    const list = await get('/console/settings/templates');
    assert.equal(list.statusCode, 200);
    for (const lang of ['pt', 'en', 'fr']) assert.match(list.body, new RegExp(`/console/settings/templates/${lang}"`));
    assert.equal((await get('/console/settings/templates/de')).statusCode, 404, 'German is a Belgian seller’s');

    const broken = await post('/console/settings/templates/en', { subject: 'Invoice', body: '{{#dueDate}}Due' });
    assert.equal(broken.statusCode, 422);
    assert.match(errorBeside(broken.body, 'body') ?? '', /not closed/);
    assert.match(broken.body, /\{\{#dueDate\}\}Due<\/textarea>/);

    const ok = await post('/console/settings/templates/en', {
      subject: 'Your {{documentType}} {{documentNumber}}',
      body: 'Hello {{customerName}},\r\nTotal: {{total}}.',
    });
    assert.equal(ok.statusCode, 303);
    const page = await get('/console/settings/templates/en');
    assert.match(page.body, /id="preview-subject">Your Invoice FT A2026\/123</);
    assert.match(page.body, /Hello Cliente Exemplo, Lda,\nTotal: €123.00./);
    const api = await t.call('GET', '/v1/email/templates/en');
    assert.equal(api.body.custom, true);
    assert.equal(api.body.body, 'Hello {{customerName}},\nTotal: {{total}}.');

    const reset = await post('/console/settings/templates/en/reset');
    assert.equal(reset.statusCode, 303);
    assert.equal((await t.call('GET', '/v1/email/templates/en')).body.custom, false);
  });
});

describe('webhooks', () => {
  test('create (secret shown once, not cached), deliveries with status, redeliver, delete after a confirmation', async () => {
    const bad = await post('/console/settings/webhooks', { url: 'ftp://x', events: [] });
    assert.equal(bad.statusCode, 422);
    assert.ok(errorBeside(bad.body, 'url'));
    assert.ok(errorBeside(bad.body, 'events'));
    const unknown = await post('/console/settings/webhooks', { url: rx.url, events: ['document.exploded'] });
    assert.equal(unknown.statusCode, 422);
    assert.ok(errorBeside(unknown.body, 'events'));

    const created = await post('/console/settings/webhooks', {
      url: rx.url,
      description: 'ERP <b>',
      events: ['document.finalized'],
    });
    assert.equal(created.statusCode, 200, created.body);
    assert.equal(created.headers['cache-control'], 'no-store');
    const secret = /id="secret" class="settings-secret" readonly value="(whsec_[^"]+)"/.exec(created.body)?.[1];
    assert.ok(secret, 'the secret is on the page');
    const endpoint = (await t.call('GET', '/v1/webhooks')).body.data[0];
    const list = await get('/console/settings/webhooks');
    assert.ok(!list.body.includes(secret), 'the list shows a hint, never the secret');
    assert.match(list.body, /ERP &lt;b&gt;/);

    const doc = await t.call('POST', '/v1/documents', {
      finalize: true,
      type: 'FT',
      customer: { name: 'Cliente', taxId: '123456789' },
      lines: [{ description: 'Serviço', quantity: '1', unitPrice: '10', taxName: 'IVA23' }],
    });
    assert.equal(doc.status, 201, JSON.stringify(doc.body));
    for (let i = 0; i < 20 && rx.requests.length < 1; i++) await t.worker.drain();
    await rx.waitFor(1);
    const detail = await get(`/console/settings/webhooks/${endpoint.id}`);
    assert.equal(detail.statusCode, 200);
    assert.match(detail.body, /<code>document\.finalized<\/code>/);
    assert.match(detail.body, /data-status="succeeded"/);
    const deliveryId = /deliveries\/(\d+)\/redeliver/.exec(detail.body)![1];

    const again = await post(`/console/settings/webhooks/${endpoint.id}/deliveries/${deliveryId}/redeliver`);
    assert.equal(again.statusCode, 303);
    for (let i = 0; i < 20 && rx.requests.length < 2; i++) await t.worker.drain();
    await rx.waitFor(2);
    assert.equal(rx.requests[1].headers['faturador-event-id'], rx.requests[0].headers['faturador-event-id']);
    const after = await get(again.headers.location!);
    assert.match(after.body, new RegExp(`↻ ${deliveryId}`));

    assert.equal((await get(`/console/settings/webhooks/${endpoint.id}/delete`)).statusCode, 200);
    const del = await post(`/console/settings/webhooks/${endpoint.id}/delete`);
    assert.equal(del.statusCode, 303);
    assert.equal((await t.call('GET', '/v1/webhooks')).body.data.length, 0);
    assert.equal((await get(`/console/settings/webhooks/${endpoint.id}`)).statusCode, 404);
  });
});

describe('API keys', () => {
  test('create shows the key once on a no-store page; it works until revoked after a confirmation', async () => {
    const empty = await post('/console/api-keys', { name: '', scope: 'read' });
    assert.equal(empty.statusCode, 422);
    assert.ok(errorBeside(empty.body, 'name'));
    const badScope = await post('/console/api-keys', { name: 'x', scope: 'root' });
    assert.equal(badScope.statusCode, 422);
    assert.ok(errorBeside(badScope.body, 'scope'));

    const r = await post('/console/api-keys', { name: 'Loja online', scope: 'read' });
    assert.equal(r.statusCode, 200);
    assert.equal(r.headers['cache-control'], 'no-store');
    const key = /id="new-key" class="settings-secret" readonly value="([^"]+)"/.exec(r.body)![1];
    assert.equal((await t.call('GET', '/v1/documents', undefined, { key })).status, 200);
    assert.equal((await t.call('POST', '/v1/contacts', { name: 'x' }, { key })).status, 403, 'a read key');

    const list = await get('/console/api-keys');
    assert.ok(!list.body.includes(key), 'the list never shows a key');
    assert.match(list.body, /Loja online/);
    const id = (await t.call('GET', '/v1/api-keys')).body.find((k: { name: string }) => k.name === 'Loja online').id;
    const confirm = await get(`/console/api-keys/${id}/revoke`);
    assert.equal(confirm.statusCode, 200);
    assert.match(confirm.body, /Loja online/);
    const revoked = await post(`/console/api-keys/${id}/revoke`);
    assert.equal(revoked.statusCode, 303);
    assert.equal((await t.call('GET', '/v1/documents', undefined, { key })).status, 401);
    assert.equal((await get('/console/api-keys/999999/revoke')).statusCode, 404);
  });

  test('the last admin key cannot be revoked: a 409 with the reason', async () => {
    const keys = (await t.call('GET', '/v1/api-keys')).body as {
      id: number;
      scope: string;
      revoked_at: string | null;
    }[];
    const admins = keys.filter((k) => k.scope === 'admin' && !k.revoked_at);
    assert.equal(admins.length, 1);
    const r = await post(`/console/api-keys/${admins[0].id}/revoke`);
    assert.equal(r.statusCode, 409);
    assert.match(r.body, /last admin key/);
  });

  test('a revoked key’s console session ends', async () => {
    const made = await t.call('POST', '/v1/api-keys', { name: 'temporária', scope: 'admin' });
    const s = await signIn(made.body.key);
    assert.equal((await get('/console/settings', s)).statusCode, 200);
    assert.equal((await post(`/console/api-keys/${made.body.id}/revoke`)).statusCode, 303);
    const after = await get('/console/settings', s);
    assert.equal(after.statusCode, 303);
    assert.match(after.headers.location!, /^\/console\/sign-in/);
  });
});

describe('SAF-T export', () => {
  test('a bad period is 422 beside its field; a month is made in the background, polled as JSON, downloaded', async () => {
    // An account of its own: its series has no document dated after the month exported.
    const account = await t.newAccount();
    const admin = await signIn(account.apiKey);
    const badMonth = await post('/console/saft', { kind: 'month', year: '2026', month: '13' }, admin);
    assert.equal(badMonth.statusCode, 422);
    assert.ok(errorBeside(badMonth.body, 'month'));
    const acrossYears = await post('/console/saft', { kind: 'range', from: '2025-12-01', to: '2026-01-31' }, admin);
    assert.equal(acrossYears.statusCode, 422);
    assert.match(errorBeside(acrossYears.body, 'to') ?? '', /same year/);
    assert.match(acrossYears.body, /value="2025-12-01"/);

    const doc = await t.call(
      'POST',
      '/v1/documents',
      {
        finalize: true,
        type: 'FT',
        date: '2026-11-20',
        customer: { name: 'Cliente SAF-T', taxId: '123456789' },
        lines: [{ description: 'Serviço', quantity: '1', unitPrice: '10', taxName: 'IVA23' }],
      },
      { key: account.apiKey },
    );
    assert.equal(doc.status, 201, JSON.stringify(doc.body));
    const r = await post('/console/saft', { kind: 'month', year: '2026', month: '11' }, admin);
    assert.equal(r.statusCode, 303, r.body);
    const url = r.headers.location!;
    assert.match(url, /^\/console\/saft\/\d+$/);
    const queued = await get(url, admin, { accept: 'application/json' });
    assert.equal(queued.json().state, 'queued');
    assert.equal(queued.json().downloadUrl, null);
    const page = await get(url, admin);
    assert.match(page.body, /id="saft-refresh"/, 'without scripts, a refresh link');

    await t.worker.drain();
    const ready = (await get(url, admin, { accept: 'application/json' })).json();
    assert.equal(ready.state, 'ready');
    const file = await get(ready.downloadUrl, admin);
    assert.equal(file.statusCode, 200);
    assert.match(String(file.headers['content-disposition']), /SAFT-PT_503340855_2026-11-01_2026-11-30\.xml/);
    assert.match(file.body, /<AuditFile /);
    assert.ok(file.body.includes(`<InvoiceNo>${doc.body.number}</InvoiceNo>`), 'the document is in the file');

    // Asked again with nothing changed: the same ready file.
    const same = await post('/console/saft', { kind: 'month', year: '2026', month: '11' }, admin);
    assert.equal(same.headers.location, url);
    assert.equal((await get(url, admin, { accept: 'application/json' })).json().state, 'ready');
  });

  test('a file whose job gave up shows "failed" with the job’s last error; another account’s file is a 404', async () => {
    const account = await t.newAccount();
    const admin = await signIn(account.apiKey);
    const r = await post('/console/saft', { kind: 'range', from: '2026-10-01', to: '2026-10-15' }, admin);
    assert.equal(r.statusCode, 303, r.body);
    const id = Number(r.headers.location!.split('/').pop());
    // What the worker leaves when the last attempt fails (infra/jobs/worker.ts): the job dead with its error.
    await t.db.database.db
      .updateTable('jobs')
      .set({ state: 'dead', attempts: 5, last_error: 'disk full' })
      .where('kind', '=', 'saft.file')
      .where('dedupe_key', '=', String(id))
      .execute();
    const status = (await get(r.headers.location!, admin, { accept: 'application/json' })).json();
    assert.equal(status.state, 'failed');
    assert.equal(status.lastError, 'disk full');
    const page = await get(r.headers.location!, admin);
    assert.match(page.body, /data-state="failed"/);
    assert.match(page.body, /<p id="saft-error" class="field-error">disk full<\/p>/);
    assert.equal((await get(r.headers.location!)).statusCode, 404, 'the default account does not see it');
    assert.equal((await get(`${r.headers.location!}/download`)).statusCode, 404);
  });
});

describe('access', () => {
  test('every settings page and action needs the admin scope: an issue-scope session gets 403', async () => {
    const made = await t.call('POST', '/v1/api-keys', { name: 'caixa', scope: 'issue' });
    const issuer = await signIn(made.body.key);
    for (const url of [
      '/console/settings',
      '/console/settings/at',
      '/console/settings/smtp',
      '/console/settings/templates',
      '/console/settings/templates/pt',
      '/console/settings/webhooks',
      '/console/api-keys',
      '/console/saft',
    ]) {
      assert.equal((await get(url, issuer)).statusCode, 403, url);
    }
    for (const [url, form] of [
      ['/console/api-keys', { name: 'escalada', scope: 'admin' }],
      ['/console/settings/bank', { iban: 'BE68539007547034' }],
      ['/console/settings/smtp/test', { to: 'x@example.com' }],
      ['/console/saft', { kind: 'month', year: '2026', month: '11' }],
    ] as const) {
      assert.equal((await post(url, form, issuer)).statusCode, 403, url);
    }
    const keys = (await t.call('GET', '/v1/api-keys')).body as { name: string }[];
    assert.ok(!keys.some((k) => k.name === 'escalada'));
  });

  test('without the CSRF token a settings form is refused; another account’s ids are 404', async () => {
    const forged = await t.app.inject({
      method: 'POST',
      url: '/console/api-keys',
      payload: 'name=forged&scope=admin',
      headers: { cookie: admin.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(forged.statusCode, 403);

    const other = await t.newAccount();
    const hook = await t.call('POST', '/v1/webhooks', { url: rx.url, events: ['*'] }, { key: other.apiKey });
    assert.equal(hook.status, 201, JSON.stringify(hook.body));
    assert.equal((await get(`/console/settings/webhooks/${hook.body.id}`)).statusCode, 404);
    assert.equal((await post(`/console/settings/webhooks/${hook.body.id}/delete`)).statusCode, 404);
    const keys = await t.call('GET', '/v1/api-keys', undefined, { key: other.apiKey });
    assert.equal((await get(`/console/api-keys/${keys.body[0].id}/revoke`)).statusCode, 404);
    assert.equal((await post(`/console/api-keys/${keys.body[0].id}/revoke`)).statusCode, 404);
    assert.equal((await t.call('GET', '/v1/documents', undefined, { key: other.apiKey })).status, 200);
  });
});
