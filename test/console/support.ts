import { existsSync } from 'node:fs';
import { after, before } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { setUserPassword } from '../../src/app/accounts/set-user-password.js';
import { startTestApp, type TestApp, type TestConfig } from '../support/app.js';

/** Who signs in: a user by e-mail and password, or an API key's holder. */
export type ConsoleCredentials = { email: string; password: string } | { apiKey: string };

export interface ConsoleUser {
  email: string;
  password: string;
}

export interface InjectSession {
  /** The `cookie` header to send: the session and the CSRF secret. */
  cookie: string;
  /** The CSRF token for `_csrf` fields and the `x-csrf-token` header. */
  csrf: string;
}

export interface ConsoleTest {
  t: TestApp;
  baseUrl: string;
  /** Undefined when Chromium is not installed: browser tests then `tt.skip(c.skipReason)`. */
  browser: Browser | undefined;
  skipReason: string;
  user: ConsoleUser;
  /** A page in a new browser context (its own cookies). */
  newPage(): Promise<Page>;
  /** Signs `page` in through the form (the owner of `t.account` by default) and waits for the console. */
  signIn(page: Page, who?: ConsoleCredentials): Promise<void>;
  /** A session of the default user for `t.app.inject` (`cookie` header). */
  cookieHeader(): Promise<string>;
  close(): Promise<void>;
}

export const CONSOLE_PASSWORD = 'correct horse battery staple';
const users = new WeakMap<TestApp, Promise<ConsoleUser>>();

/** The owner of the test account, given a password once per app (scrypt is slow on purpose). */
export function consoleUser(t: TestApp, accountId = t.account.accountId): Promise<ConsoleUser> {
  if (accountId !== t.account.accountId) return passwordFor(t, accountId);
  let u = users.get(t);
  if (!u) {
    u = passwordFor(t, accountId);
    users.set(t, u);
  }
  return u;
}

async function passwordFor(t: TestApp, accountId: number): Promise<ConsoleUser> {
  const db = t.db.database.db;
  const owner = await db
    .selectFrom('users')
    .select('email')
    .where('account_id', '=', accountId)
    .orderBy('id')
    .executeTakeFirstOrThrow();
  await db.transaction().execute((tx) => setUserPassword(tx, { email: owner.email, password: CONSOLE_PASSWORD }));
  return { email: owner.email, password: CONSOLE_PASSWORD };
}

/** `set-cookie` headers → name=value pairs (the last value of each name wins). */
export function cookiesOf(setCookie: string | string[] | undefined, into = new Map<string, string>()) {
  for (const c of [setCookie ?? []].flat()) {
    const [pair] = c.split(';');
    const i = pair.indexOf('=');
    into.set(pair.slice(0, i).trim(), pair.slice(i + 1).trim());
  }
  return into;
}

export const cookieHeaderOf = (jar: Map<string, string>) =>
  [...jar]
    .filter(([, v]) => v !== '')
    .map(([k, v]) => `${k}=${v}`)
    .join('; ');

/** The CSRF token of a console page (its `<meta name="csrf-token">`). */
export function csrfOfPage(html: string): string {
  const m = /<meta name="csrf-token" content="([^"]*)"/.exec(html);
  if (!m) throw new Error('no csrf-token meta in the page');
  return m[1];
}

/**
 * Signs in through the console's form with `app.inject` (the owner of `t.account` by default, or `who`), for fast
 * tests: `{ cookie, csrf }` to send with each request.
 */
export async function signInInject(t: TestApp, who?: ConsoleCredentials): Promise<InjectSession> {
  const creds = who ?? (await consoleUser(t));
  const form = await t.app.inject({ method: 'GET', url: '/console/sign-in' });
  const jar = cookiesOf(form.headers['set-cookie']);
  const csrf = csrfOfPage(form.body);
  const res = await t.app.inject({
    method: 'POST',
    url: '/console/sign-in',
    payload: new URLSearchParams({ _csrf: csrf, ...creds }).toString(),
    headers: { cookie: cookieHeaderOf(jar), 'content-type': 'application/x-www-form-urlencoded' },
  });
  if (res.statusCode !== 303) throw new Error(`sign-in failed: ${res.statusCode} ${res.body.slice(0, 300)}`);
  cookiesOf(res.headers['set-cookie'], jar);
  if (!jar.get('console_session')) throw new Error('sign-in set no session cookie');
  return { cookie: cookieHeaderOf(jar), csrf };
}

/** A console page for a session through `t.app.inject` (GET), with extra headers (`accept-language`…). */
export const getPage = (t: TestApp, url: string, who: InjectSession, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'GET', url, headers: { cookie: who.cookie, ...headers } });

/** A form POST as the browser sends it: the session's cookies and CSRF token; an array value repeats its field. */
export function postFormAs(t: TestApp, url: string, form: Record<string, string | string[]>, who: InjectSession) {
  // A `_csrf` of the form's own (a wrong or empty token) replaces the session's.
  const body = new URLSearchParams('_csrf' in form ? {} : { _csrf: who.csrf });
  for (const [k, v] of Object.entries(form)) for (const one of [v].flat()) body.append(k, one);
  return t.app.inject({
    method: 'POST',
    url,
    payload: body.toString(),
    headers: { cookie: who.cookie, 'content-type': 'application/x-www-form-urlencoded' },
  });
}

export interface SignedInApp {
  t: TestApp;
  session: InjectSession;
  get(url: string, who?: InjectSession, headers?: Record<string, string>): ReturnType<typeof getPage>;
  postForm(url: string, form: Record<string, string | string[]>, who?: InjectSession): ReturnType<typeof postFormAs>;
}

/**
 * For a test file's inject tests: an app (`config`) with the owner signed in, started before its tests and closed
 * after them; `get` and `postForm` as that session by default.
 */
export function signedInApp(config: TestConfig = {}): SignedInApp {
  const app: SignedInApp = {
    t: undefined as unknown as TestApp,
    session: undefined as unknown as InjectSession,
    get: (url, who = app.session, headers = {}) => getPage(app.t, url, who, headers),
    postForm: (url, form, who = app.session) => postFormAs(app.t, url, form, who),
  };
  before(async () => {
    app.t = await startTestApp(config);
    app.session = await signInInject(app.t);
  });
  after(async () => {
    await app.t?.close();
  });
  return app;
}

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * The app listening on 127.0.0.1 (a random port), the owner of its account with a password, and Chromium driven by
 * playwright-core (one browser per test file; each `newPage()` is its own context, so its own cookies).
 */
export async function startConsole(config: TestConfig = {}): Promise<ConsoleTest> {
  const t = await startTestApp(config);
  let browser: Browser | undefined;
  let skipReason = '';
  try {
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    const address = t.app.server.address();
    if (!address || typeof address === 'string') throw new Error('the app is not listening on a port');
    const baseUrl = `http://127.0.0.1:${address.port}`;
    const user = await consoleUser(t);
    if (existsSync(CHROMIUM_PATH)) {
      browser = await chromium.launch({
        executablePath: CHROMIUM_PATH,
        args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
      });
    } else {
      skipReason = `Chromium not found at ${CHROMIUM_PATH} (set CHROMIUM_PATH): browser test skipped`;
    }
    const contexts: { close(): Promise<void> }[] = [];
    return {
      t,
      baseUrl,
      browser,
      skipReason,
      user,
      async newPage() {
        if (!browser) throw new Error(skipReason);
        const context = await browser.newContext({ baseURL: baseUrl });
        contexts.push(context);
        return context.newPage();
      },
      async signIn(page, who) {
        const creds = who ?? user;
        await page.goto(`${baseUrl}/console/sign-in`);
        if ('apiKey' in creds) {
          await page.click('details.key-sign-in summary');
          await page.fill('#apiKey', creds.apiKey);
          await Promise.all([
            page.waitForURL((u) => !u.pathname.startsWith('/console/sign-in')),
            page.click('details.key-sign-in button[type=submit]'),
          ]);
        } else {
          await page.fill('#email', creds.email);
          await page.fill('#password', creds.password);
          await Promise.all([
            page.waitForURL((u) => !u.pathname.startsWith('/console/sign-in')),
            page.click('form[action="/console/sign-in"] button.btn-primary'),
          ]);
        }
      },
      async cookieHeader() {
        return (await signInInject(t)).cookie;
      },
      async close() {
        for (const c of contexts) await c.close().catch(() => {});
        await browser?.close().catch(() => {});
        await t.close();
      },
    };
  } catch (err) {
    await browser?.close().catch(() => {});
    await t.close();
    throw err;
  }
}
