import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { skipUnlessFakeAt } from '../support/fake-at-server.js';
import { startAtEnv, type AtEnv } from '../at/at-env.js';
import { signInInject } from './support.js';

/** The console's AT page against the fake AT: credentials saved through the form, then the connection test. */
describe('console AT settings and connection test', skipUnlessFakeAt(), () => {
  let env: AtEnv;
  let session: { cookie: string; csrf: string };
  const nif = '503340855';

  const post = (url: string, form: Record<string, string> = {}) =>
    env.t.app.inject({
      method: 'POST',
      url,
      payload: new URLSearchParams({ _csrf: session.csrf, ...form }).toString(),
      headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    });

  before(async () => {
    env = await startAtEnv();
    env.fake.addUser(`${nif}/1`, 'senha-certa');
    session = await signInInject(env.t, { apiKey: env.t.account.apiKey });
  });
  after(async () => {
    await env?.close();
  });

  test('a sub-user of another NIF is refused beside the field; the right one connects; a wrong password is shown as AT’s answer', async () => {
    const other = await post('/console/settings/at', { environment: 'test', username: '509000002/1', password: 'x' });
    assert.equal(other.statusCode, 422);
    assert.match(other.body, /id="username-error">[^<]*503340855/);

    const saved = await post('/console/settings/at', {
      environment: 'test',
      username: `${nif}/1`,
      password: 'senha-certa',
    });
    assert.equal(saved.statusCode, 303, saved.body);
    const ok = await post('/console/settings/at/test');
    assert.equal(ok.statusCode, 200);
    assert.match(ok.body, /data-ok="true"/);
    assert.match(ok.body, /Ligação aceite/);
    assert.equal(env.fake.requestsFor('consultarSeries').at(-1)!.username, `${nif}/1`);

    await post('/console/settings/at', { environment: 'test', username: `${nif}/1`, password: 'errada' });
    const wrong = await post('/console/settings/at/test');
    assert.equal(wrong.statusCode, 200);
    assert.match(wrong.body, /data-ok="false"/);
    assert.match(wrong.body, /senha/i);
    assert.ok(!wrong.body.includes('errada'), 'the password is never shown');
  });
});
