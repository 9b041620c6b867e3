import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { SIGN_IN_FAILURES_PER_ADDRESS, SIGN_IN_FAILURES_PER_EMAIL } from '../../src/console/shell/sign-in-limit.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { consoleUser, cookieHeaderOf, cookiesOf, csrfOfPage } from './support.js';

// Behind a proxy (TRUST_PROXY=1): the client's address is X-Forwarded-For's and HTTPS is X-Forwarded-Proto's, which
// lets each test below come from its own address.
let t: TestApp;
before(async () => {
  const was = process.env.TRUST_PROXY;
  process.env.TRUST_PROXY = '1';
  try {
    t = await startTestApp();
  } finally {
    if (was === undefined) delete process.env.TRUST_PROXY;
    else process.env.TRUST_PROXY = was;
  }
});
after(async () => {
  await t?.close();
});

async function signIn(form: { email: string; password: string }, headers: Record<string, string>) {
  const page = await t.app.inject({ method: 'GET', url: '/console/sign-in', headers });
  const jar = cookiesOf(page.headers['set-cookie']);
  return t.app.inject({
    method: 'POST',
    url: '/console/sign-in',
    payload: new URLSearchParams({ _csrf: csrfOfPage(page.body), ...form }).toString(),
    headers: { ...headers, cookie: cookieHeaderOf(jar), 'content-type': 'application/x-www-form-urlencoded' },
  });
}

test('behind HTTPS (X-Forwarded-Proto with TRUST_PROXY): the session and CSRF cookies are Secure', async () => {
  const user = await consoleUser(t);
  const headers = { 'x-forwarded-for': '198.51.100.1', 'x-forwarded-proto': 'https' };
  const page = await t.app.inject({ method: 'GET', url: '/console/sign-in', headers });
  const csrfCookie = [page.headers['set-cookie']].flat().find((c) => c!.startsWith('console_csrf='))!;
  assert.match(csrfCookie, /Secure/);
  const res = await signIn({ email: user.email, password: user.password }, headers);
  assert.equal(res.statusCode, 303);
  const set = [res.headers['set-cookie']].flat().find((c) => c!.startsWith('console_session='))!;
  assert.match(set, /; Secure/);
  assert.match(set, /HttpOnly/);
  assert.match(set, /SameSite=Strict/);
  const plain = await signIn({ email: user.email, password: user.password }, { 'x-forwarded-for': '198.51.100.2' });
  assert.doesNotMatch([plain.headers['set-cookie']].flat().join('\n'), /Secure/);
});

test(`sign-in: after ${SIGN_IN_FAILURES_PER_EMAIL} failures for one e-mail (from any addresses), even the right password gets the 429 page`, async () => {
  const other = await t.newAccount();
  const user = await consoleUser(t, other.accountId);
  for (let i = 0; i < SIGN_IN_FAILURES_PER_EMAIL; i++) {
    const res = await signIn(
      { email: user.email, password: `wrong-${i}` },
      { 'x-forwarded-for': `203.0.113.${i + 1}` },
    );
    assert.equal(res.statusCode, 401, `attempt ${i + 1}`);
  }
  const right = await signIn(user, { 'x-forwarded-for': '203.0.113.200' });
  assert.equal(right.statusCode, 429);
  assert.match(String(right.headers['content-type']), /text\/html/);
  assert.match(right.body, /data-status="429"/);
  assert.ok(Number(right.headers['retry-after']) > 0);
  assert.ok(![right.headers['set-cookie']].flat().join('').includes('console_session='));
  // Another user signs in from those addresses as before.
  const owner = await consoleUser(t);
  assert.equal((await signIn(owner, { 'x-forwarded-for': '203.0.113.1' })).statusCode, 303);
});

test(`sign-in: after ${SIGN_IN_FAILURES_PER_ADDRESS} failures from one address (any e-mails), that address gets 429; others do not`, async () => {
  const ip = { 'x-forwarded-for': '192.0.2.7' };
  for (let i = 0; i < SIGN_IN_FAILURES_PER_ADDRESS; i++) {
    const res = await signIn({ email: `nobody-${i}@example.com`, password: 'whatever-1' }, ip);
    assert.equal(res.statusCode, 401, `attempt ${i + 1}`);
  }
  const owner = await consoleUser(t);
  const limited = await signIn(owner, ip);
  assert.equal(limited.statusCode, 429);
  assert.match(limited.body, /data-status="429"/);
  assert.equal((await signIn(owner, { 'x-forwarded-for': '192.0.2.8' })).statusCode, 303);
});
