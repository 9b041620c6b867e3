import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';
import { startConsole, type ConsoleTest } from './support.js';

/**
 * The settings area in Chromium: an API key created and shown once, used against the API and revoked; a test
 * e-mail through the account's SMTP server reaching it; a month's SAF-T export followed to "ready" and downloaded.
 */
let c: ConsoleTest;
let sink: SmtpSink;
let page: Page;

before(async () => {
  sink = await startSmtpSink();
  c = await startConsole({ secretKey: '5e771n65'.replace(/[^0-9a-f]/g, 'a').repeat(8) });
  if (c.browser) {
    page = await c.newPage();
    await c.signIn(page);
  }
});
after(async () => {
  await c?.close();
  await sink?.close();
});

test('an API key is shown once, works against /v1, and is refused once revoked', async (tt) => {
  if (!c.browser) return tt.skip(c.skipReason);
  await page.goto(`${c.baseUrl}/console/api-keys`);
  await page.fill('#key-name', 'Integração ERP');
  await page.selectOption('#key-scope', 'issue');
  await Promise.all([page.waitForURL('**/console/api-keys'), page.click('form[action="/console/api-keys"] button')]);
  const key = await page.inputValue('#new-key');
  assert.match(key, /^[a-z]+_/);
  const shown = await page.request.get(page.url(), { maxRedirects: 0 }).catch(() => null);
  assert.ok(!shown || !(await shown.text()).includes(key), 'a GET of the page never shows the key again');

  assert.equal((await c.t.call('GET', '/v1/documents', undefined, { key })).status, 200);

  await page.click('a.btn-primary[href="/console/api-keys"]');
  const row = page.locator('tr', { hasText: 'Integração ERP' });
  assert.ok(!(await page.content()).includes(key), 'the list shows the key’s start only');
  await row.locator('a[href$="/revoke"]').click();
  await page.waitForURL('**/revoke');
  await Promise.all([page.waitForURL('**/console/api-keys?revoked=*'), page.click('button.btn-danger')]);
  assert.notEqual(await row.locator('td').nth(5).textContent(), '—', 'the row shows when it was revoked');
  assert.equal((await c.t.call('GET', '/v1/documents', undefined, { key })).status, 401);
});

test('a test e-mail sent from the SMTP page arrives at the server', async (tt) => {
  if (!c.browser) return tt.skip(c.skipReason);
  await page.goto(`${c.baseUrl}/console/settings/smtp`);
  await page.fill('#smtp-host', sink.host);
  await page.fill('#smtp-port', String(sink.port));
  await page.fill('#smtp-from', 'Faturas <faturas@empresa.test>');
  await Promise.all([page.waitForURL('**/settings/smtp?saved=settings'), page.click('button.btn-primary')]);
  await page.fill('#test-to', 'contabilidade@empresa.test');
  await Promise.all([page.waitForURL('**/settings/smtp?test=*'), page.click('form[action$="/smtp/test"] button')]);
  const [mail] = await sink.waitFor(1);
  assert.deepEqual(mail.envelope.to, ['contabilidade@empresa.test']);
  assert.equal(mail.envelope.from, 'faturas@empresa.test');
  assert.equal(await page.getAttribute('.settings-test', 'data-status'), 'sent');
});

test('a month’s SAF-T export reaches "ready" while the page polls, and the downloaded file has its documents', async (tt) => {
  if (!c.browser) return tt.skip(c.skipReason);
  const numbers: string[] = [];
  for (const [date, price] of [
    ['2026-11-05', '100'],
    ['2026-11-18', '250.50'],
  ]) {
    const r = await c.t.call('POST', '/v1/documents', {
      finalize: true,
      type: 'FT',
      date,
      customer: { name: 'Cliente SAF-T, Lda', taxId: '123456789' },
      lines: [{ description: 'Serviço', quantity: '1', unitPrice: price, taxName: 'IVA23' }],
    });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    numbers.push(r.body.number);
  }
  await page.goto(`${c.baseUrl}/console/saft`);
  await page.fill('#saft-year', '2026');
  await page.selectOption('#saft-month', '11');
  await Promise.all([
    page.waitForURL(/\/console\/saft\/\d+$/),
    page.click('form:has(input[name=kind][value=month]) button'),
  ]);
  assert.equal(await page.isVisible('#saft-download'), false);
  // The outbox worker is not running in tests: run the export job now; the page's script sees it ready.
  await c.t.worker.drain();
  await page.waitForSelector('#saft-download', { state: 'visible' });
  assert.equal(await page.getAttribute('#saft-file', 'data-state'), 'ready');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#saft-download a')]);
  assert.equal(download.suggestedFilename(), 'SAFT-PT_503340855_2026-11-01_2026-11-30.xml');
  const xml = await readFile((await download.path())!, 'utf8');
  assert.match(xml, /<AuditFile xmlns="urn:OECD:StandardAuditFile-Tax:PT_1\.04_01"/);
  for (const n of numbers) assert.ok(xml.includes(`<InvoiceNo>${n}</InvoiceNo>`), `${n} is in the file`);
  assert.equal(xml.match(/<Invoice>/g)?.length, 2);
});
