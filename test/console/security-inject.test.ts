import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resumeSession } from '../../src/app/console/resume-session.js';
import {
  consoleUser,
  cookieHeaderOf,
  cookiesOf,
  csrfOfPage,
  postFormAs,
  signedInApp,
  signInInject,
  type InjectSession,
} from './support.js';

const con = signedInApp();

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const page = (url: string, cookie = con.session.cookie) =>
  con.t.app.inject({ method: 'GET', url, headers: { cookie } });
const post = (url: string, form: Record<string, string>, who: InjectSession = con.session) =>
  postFormAs(con.t, url, form, who);
/** Whether a cookie header still opens the console (a page rather than the way to sign in). */
const signedIn = async (cookie: string) => (await page('/console/nowhere', cookie)).statusCode === 404;

/** The sign-in form's cookies and token, as a browser has them before posting. */
async function signInForm() {
  const form = await con.t.app.inject({ method: 'GET', url: '/console/sign-in' });
  return { jar: cookiesOf(form.headers['set-cookie']), csrf: csrfOfPage(form.body) };
}

test('the session cookie: httpOnly, SameSite=Strict, Path=/console, not Secure over plain HTTP; the token is stored hashed', async () => {
  const user = await consoleUser(con.t);
  const { jar, csrf } = await signInForm();
  const res = await con.t.app.inject({
    method: 'POST',
    url: '/console/sign-in',
    payload: new URLSearchParams({ _csrf: csrf, email: user.email.toUpperCase(), password: user.password }).toString(),
    headers: { cookie: cookieHeaderOf(jar), ...FORM },
  });
  assert.equal(res.statusCode, 303);
  const set = [res.headers['set-cookie']].flat().find((c) => c!.startsWith('console_session='))!;
  assert.match(set, /HttpOnly/i);
  assert.match(set, /SameSite=Strict/i);
  assert.match(set, /Path=\/console/);
  assert.doesNotMatch(set, /Secure/i);
  const token = set.split(';')[0].split('=')[1];
  const rows = await con.t.db.database.db.selectFrom('console_sessions').select('token_hash').execute();
  assert.ok(rows.length > 0);
  assert.ok(rows.every((r) => r.token_hash !== token && /^[0-9a-f]{64}$/.test(r.token_hash)));
});

test('security headers on every console page, the sign-in page included', async () => {
  for (const res of [
    await con.t.app.inject({ method: 'GET', url: '/console/sign-in' }),
    await page('/console/nowhere'),
  ]) {
    const csp = String(res.headers['content-security-policy']);
    for (const d of ["default-src 'self'", "img-src 'self' data:", "frame-ancestors 'none'", "form-action 'self'"])
      assert.ok(csp.includes(d), d);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    assert.ok(res.headers['referrer-policy']);
    assert.equal(res.headers['cache-control'], 'no-store');
  }
  const css = await con.t.app.inject({ method: 'GET', url: '/console/assets/shell.css' });
  assert.equal(css.statusCode, 200);
  assert.match(String(css.headers['content-type']), /text\/css/);
});

test('CSRF: no token, a token of another browser, or a forged one → 403; the header of a fetch is accepted', async () => {
  const victim = await signInInject(con.t);
  const stranger = await signForm();
  for (const token of [undefined, stranger, 'forged-token']) {
    const res = await con.t.app.inject({
      method: 'POST',
      url: '/console/sign-out',
      payload: token === undefined ? '' : new URLSearchParams({ _csrf: token }).toString(),
      headers: { cookie: victim.cookie, ...FORM },
    });
    assert.equal(res.statusCode, 403, String(token));
    assert.match(res.body, /data-status="403"/);
  }
  assert.ok(await signedIn(victim.cookie), 'still signed in after the refused posts');
  const viaFetch = await con.t.app.inject({
    method: 'POST',
    url: '/console/sign-out',
    headers: { cookie: victim.cookie, 'x-csrf-token': victim.csrf },
  });
  assert.equal(viaFetch.statusCode, 303);
  assert.ok(!(await signedIn(victim.cookie)));
});

async function signForm() {
  return (await signInForm()).csrf;
}

test('sign out everywhere ends every session of the user, not those of another account', async () => {
  const a = await signInInject(con.t);
  const b = await signInInject(con.t);
  const otherAccount = await con.t.newAccount();
  const other = await signInInject(con.t, await consoleUser(con.t, otherAccount.accountId));
  assert.equal((await post('/console/sign-out-all', {}, a)).statusCode, 303);
  assert.ok(!(await signedIn(a.cookie)));
  assert.ok(!(await signedIn(b.cookie)));
  assert.ok(await signedIn(other.cookie));
  con.session = await signInInject(con.t);
});

test('a session signed in with an API key ends when the key is revoked', async () => {
  const created = await con.t.call('POST', '/v1/api-keys', { name: 'console', scope: 'read' });
  assert.equal(created.status, 201);
  const s = await signInInject(con.t, { apiKey: created.body.key });
  const res = await page('/console/nowhere', s.cookie);
  assert.equal(res.statusCode, 404);
  assert.match(res.body, /console/);
  assert.equal((await con.t.call('DELETE', `/v1/api-keys/${created.body.id}`)).status, 204);
  assert.ok(!(await signedIn(s.cookie)));
  // A revoked key cannot open a con.session either: the form again, 401.
  const { jar, csrf } = await signInForm();
  const again = await con.t.app.inject({
    method: 'POST',
    url: '/console/sign-in',
    payload: new URLSearchParams({ _csrf: csrf, apiKey: created.body.key }).toString(),
    headers: { cookie: cookieHeaderOf(jar), ...FORM },
  });
  assert.equal(again.statusCode, 401);
  assert.match(again.body, /id="sign-in-error"/);
});

test('sessions expire when idle (2 h) and in any case 12 h after sign-in', async () => {
  const s = await signInInject(con.t);
  const token = cookiesOf(s.cookie.split('; ').map((c) => c + ';')).get('console_session')!;
  const db = con.t.db.database.db;
  const t0 = Date.now();
  const at = (h: number) => new Date(t0 + h * 3600_000);
  assert.ok(await resumeSession(db, at(1.9), token), 'seen at 1.9 h');
  assert.ok(await resumeSession(db, at(3.8), token), 'seen again within 2 h of the last');
  assert.equal(await resumeSession(db, at(5.9), token), undefined, 'idle for 2.1 h');
  const s2 = await signInInject(con.t);
  const token2 = cookiesOf(s2.cookie.split('; ').map((c) => c + ';')).get('console_session')!;
  for (let h = 1.5; h < 12; h += 1.5) assert.ok(await resumeSession(db, at(h), token2), `active at ${h} h`);
  assert.equal(await resumeSession(db, at(12.1), token2), undefined, 'past 12 h');
});

test('garbage cookies, NUL bytes and huge forms: the sign-in page or a 4xx page, never a 5xx', async () => {
  for (const cookie of [
    'console_session=%',
    'console_session=%E0%A4%A',
    'console_session=' + 'A'.repeat(43),
    'console_session=' + 'x'.repeat(10000),
    'console_session=\u0001\u0002; console_csrf=%%%',
    'console_session="unterminated; =; ;;',
    'console_lang=xx; console_session[]=1',
  ]) {
    const res = await page('/console/documents', cookie);
    assert.equal(res.statusCode, 303, cookie);
    const form = await page('/console/sign-in', cookie);
    assert.equal(form.statusCode, 200, cookie);
  }
  const { jar, csrf } = await signInForm();
  const user = await consoleUser(con.t);
  const nul = await con.t.app.inject({
    method: 'POST',
    url: '/console/sign-in',
    payload: new URLSearchParams({ _csrf: csrf, email: `${user.email}\u0000`, password: 'a\u0000b' }).toString(),
    headers: { cookie: cookieHeaderOf(jar), ...FORM },
  });
  assert.equal(nul.statusCode, 401);
  const empty = await con.t.app.inject({
    method: 'POST',
    url: '/console/sign-in',
    payload: new URLSearchParams({ _csrf: csrf, email: '', password: '' }).toString(),
    headers: { cookie: cookieHeaderOf(jar), ...FORM },
  });
  assert.equal(empty.statusCode, 422);
  assert.match(empty.body, /aria-describedby="email-error"/);
  const huge = await post('/console/sign-out', { filler: 'x'.repeat(2 * 1024 * 1024) });
  assert.equal(huge.statusCode, 413);
  assert.match(huge.body, /data-status="413"/);
  const repeated = await con.t.app.inject({
    method: 'POST',
    url: '/console/sign-in',
    payload: `_csrf=${encodeURIComponent(csrf)}&email=a&email=b&password[x]=1&__proto__[y]=1`,
    headers: { cookie: cookieHeaderOf(jar), ...FORM },
  });
  assert.ok(repeated.statusCode >= 400 && repeated.statusCode < 500, String(repeated.statusCode));
  const badJson = await con.t.app.inject({
    method: 'POST',
    url: '/console/sign-out',
    payload: '{not json',
    headers: { cookie: con.session.cookie, 'content-type': 'application/json', 'x-csrf-token': con.session.csrf },
  });
  assert.equal(badJson.statusCode, 400);
});

test('language: Accept-Language picks it, the switch sets a cookie and returns to a console path only', async () => {
  const en = await con.t.app.inject({
    method: 'GET',
    url: '/console/sign-in',
    headers: { 'accept-language': 'en-GB,en;q=0.9' },
  });
  assert.match(en.body, /<html lang="en">/);
  assert.match(en.body, /Sign in/);
  const pt = await con.t.app.inject({
    method: 'GET',
    url: '/console/sign-in',
    headers: { 'accept-language': 'pt-PT' },
  });
  assert.match(pt.body, /<html lang="pt">/);
  assert.match(pt.body, /Entrar/);
  const sw = await con.t.app.inject({
    method: 'GET',
    url: '/console/lang?to=en&next=/console/documents%3Fstatus%3Ddraft',
  });
  assert.equal(sw.statusCode, 303);
  assert.equal(sw.headers.location, '/console/documents?status=draft');
  const lang = cookiesOf(sw.headers['set-cookie']).get('console_lang');
  assert.equal(lang, 'en');
  const after = await page('/console/nowhere', `${con.session.cookie}; console_lang=en`);
  assert.match(after.body, /<html lang="en">/);
  assert.match(after.body, /Sign out/);
  const evil = await con.t.app.inject({ method: 'GET', url: '/console/lang?to=en&next=//evil.example/' });
  assert.equal(evil.headers.location, '/console');
  const next = await con.t.app.inject({ method: 'GET', url: '/console/sign-in?next=https://evil.example' });
  assert.match(next.body, /name="next" value="\/console"/);
});

test('a fetch without a session gets 401 JSON, with one an unknown path gets 404 JSON; GET / links to the console', async () => {
  const anon = await con.t.app.inject({ method: 'POST', url: '/console/sign-out', headers: { 'x-csrf-token': 'x' } });
  assert.equal(anon.statusCode, 401);
  assert.equal(anon.json().error.code, 'unauthenticated');
  const missing = await con.t.app.inject({
    method: 'GET',
    url: '/console/nowhere',
    headers: { cookie: con.session.cookie, accept: 'application/json' },
  });
  assert.equal(missing.statusCode, 404);
  assert.equal(missing.json().error.code, 'not_found');
  const root = await con.t.app.inject({ method: 'GET', url: '/' });
  assert.equal(root.statusCode, 200);
  assert.match(root.body, /href="\/console"/);
  assert.match(root.body, /href="\/docs"/);
});
