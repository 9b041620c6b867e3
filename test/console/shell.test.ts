import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startConsole, type ConsoleTest } from './support.js';

let c: ConsoleTest;
before(async () => {
  c = await startConsole();
});
after(async () => {
  await c?.close();
});

test('browser: wrong password, then sign-in returns to the page asked for; language switch; sign out; pages refuse', async (tt) => {
  if (!c.browser) return tt.skip(c.skipReason);
  const page = await c.newPage();
  await page.setExtraHTTPHeaders({ 'accept-language': 'pt-PT' });

  // A protected page sends to the sign-in form, keeping where to return.
  await page.goto(`${c.baseUrl}/console/customers?q=abc`);
  assert.equal(new URL(page.url()).pathname, '/console/sign-in');
  assert.equal(await page.getAttribute('html', 'lang'), 'pt');

  await page.fill('#email', c.user.email);
  await page.fill('#password', 'not-the-password');
  await page.click('form[action="/console/sign-in"] button.btn-primary');
  await page.waitForSelector('#sign-in-error');
  assert.equal((await page.textContent('#sign-in-error'))?.trim(), 'E-mail ou palavra-passe incorretos.');
  assert.equal(await page.inputValue('#email'), c.user.email, 'the e-mail is kept');

  await page.fill('#password', c.user.password);
  await Promise.all([
    page.waitForURL((u) => u.pathname === '/console/customers'),
    page.click('form[action="/console/sign-in"] button.btn-primary'),
  ]);
  assert.equal(new URL(page.url()).search, '?q=abc');
  await page.waitForSelector('[data-testid="sign-out"]');
  assert.equal(await page.getAttribute('nav a[href="/console/customers"]', 'aria-current'), 'page');

  // The first Tab reaches the skip link.
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate('document.activeElement?.className'), 'skip-link');

  // The switch to English comes back to the same page, in English.
  await Promise.all([page.waitForURL(/\/console\/customers/), page.click('.lang-switch a[hreflang="en"]')]);
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.equal((await page.textContent('[data-testid="sign-out"]'))?.trim(), 'Sign out');

  await Promise.all([page.waitForURL(/\/console\/sign-in$/), page.click('[data-testid="sign-out"]')]);
  await page.goto(`${c.baseUrl}/console/documents`);
  assert.equal(new URL(page.url()).pathname, '/console/sign-in');
  const status = await page.evaluate(
    async () => (await fetch('/console/documents', { headers: { accept: 'application/json' } })).status,
  );
  assert.equal(status, 401);
});

test('browser: sign-in with an API key', async (tt) => {
  if (!c.browser) return tt.skip(c.skipReason);
  const page = await c.newPage();
  await c.signIn(page, { apiKey: c.t.account.apiKey });
  await page.waitForSelector('[data-testid="sign-out"]');
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.reload();
  await page.waitForSelector('[data-testid="sign-out"]');
  assert.deepEqual(errors, [], 'no CSP violation or script error');
  const css = await page.evaluate("getComputedStyle(document.querySelector('.topbar')).display");
  assert.equal(css, 'flex', 'the shell stylesheet is applied');
});
