import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  consoleUser,
  cookieHeaderOf,
  cookiesOf,
  csrfOfPage,
  getPage,
  signedInApp,
  signInInject,
  type InjectSession,
} from './support.js';

const con = signedInApp();

const get = (url: string, headers: Record<string, string> = {}) => getPage(con.t, url, con.session, headers);

test('a page without a session: 303 to sign-in with the path as next; a fetch: 401 JSON', async () => {
  const page = await con.t.app.inject({ method: 'GET', url: '/console/documents?x=1' });
  assert.equal(page.statusCode, 303);
  assert.equal(page.headers.location, `/console/sign-in?next=${encodeURIComponent('/console/documents?x=1')}`);
  const fetch = await con.t.app.inject({
    method: 'GET',
    url: '/console/documents',
    headers: { accept: 'application/json' },
  });
  assert.equal(fetch.statusCode, 401);
  assert.equal(fetch.json().error.code, 'unauthenticated');
});

test('signed in with a password: the layout has the nav, the user, the CSRF meta and the security headers', async () => {
  const res = await get('/console/nowhere');
  assert.equal(res.statusCode, 404);
  assert.match(res.headers['content-type'] as string, /text\/html/);
  for (const href of ['/console/documents', '/console/documents/new', '/console/customers', '/console/api-keys'])
    assert.ok(res.body.includes(`href="${href}"`), href);
  assert.match(res.body, /<meta name="csrf-token" content="[^"]+">/);
  const csp = res.headers['content-security-policy'] as string;
  assert.match(csp, /default-src 'self'/);
  assert.match(csp, /frame-ancestors 'none'/);
  assert.match(csp, /form-action 'self'/);
  assert.equal(res.headers['x-content-type-options'], 'nosniff');
});

test('sign-in with the wrong password: 401, the form again with one message, no session cookie', async () => {
  const user = await consoleUser(con.t);
  const form = await con.t.app.inject({ method: 'GET', url: '/console/sign-in' });
  const jar = cookiesOf(form.headers['set-cookie']);
  const res = await con.t.app.inject({
    method: 'POST',
    url: '/console/sign-in',
    payload: new URLSearchParams({
      _csrf: csrfOfPage(form.body),
      email: user.email,
      password: 'wrong-password',
    }).toString(),
    headers: { cookie: cookieHeaderOf(jar), 'content-type': 'application/x-www-form-urlencoded' },
  });
  assert.equal(res.statusCode, 401);
  assert.match(res.body, /id="sign-in-error"/);
  assert.ok(!cookiesOf(res.headers['set-cookie']).get('console_session'));
});

test('a POST without the CSRF token is refused (403); with it, it goes through', async () => {
  const other = await signInInject(con.t);
  const without = await con.t.app.inject({
    method: 'POST',
    url: '/console/sign-out',
    payload: '',
    headers: { cookie: other.cookie, 'content-type': 'application/x-www-form-urlencoded' },
  });
  assert.equal(without.statusCode, 403);
  const withToken = await con.t.app.inject({
    method: 'POST',
    url: '/console/sign-out',
    payload: new URLSearchParams({ _csrf: other.csrf }).toString(),
    headers: { cookie: other.cookie, 'content-type': 'application/x-www-form-urlencoded' },
  });
  assert.equal(withToken.statusCode, 303);
  const after = await con.t.app.inject({ method: 'GET', url: '/console/documents', headers: { cookie: other.cookie } });
  assert.equal(after.statusCode, 303);
  assert.match(after.headers.location as string, /^\/console\/sign-in/);
});

test('sign-in with an API key opens a session bound to the key', async () => {
  const s = await signInInject(con.t, { apiKey: con.t.account.apiKey });
  const res = await con.t.app.inject({ method: 'GET', url: '/console/nowhere', headers: { cookie: s.cookie } });
  assert.equal(res.statusCode, 404);
  assert.match(res.body, /data-testid="sign-out"/);
});

test("a use case's refusal in the console's words: pt by default, en when asked (the use case's text is English)", async () => {
  const missing = await get('/console/customers/987654');
  assert.equal(missing.statusCode, 404);
  assert.match(missing.body, /O registo pedido não existe ou não pertence à sua conta\./);
  assert.doesNotMatch(missing.body, /not found/, 'not the use case sentence (contact 987654 not found.)');
  const en = await get('/console/customers/987654', { 'accept-language': 'en' });
  assert.match(en.body, /The record does not exist or does not belong to your account\./);
});
