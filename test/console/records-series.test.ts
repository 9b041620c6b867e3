import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../support/app.js';
import { skipUnlessFakeAt, startFakeAtServer, type FakeAtServer } from '../support/fake-at-server.js';
import { atConfig } from '../at/at-env.js';
import { getPage, postFormAs, signInInject } from './support.js';

describe('console series: create, register at AT, annul, finalize', skipUnlessFakeAt(), () => {
  let fake: FakeAtServer;
  let t: TestApp;
  let session: { cookie: string; csrf: string };
  before(async () => {
    fake = await startFakeAtServer();
    t = await startTestApp(atConfig(fake, {}, 10_000));
    session = await signInInject(t);
  });
  after(async () => {
    await t?.close();
    await fake?.close();
  });

  const get = (url: string) => getPage(t, url, session);
  const postForm = (url: string, form: Record<string, string>) => postFormAs(t, url, form, session);
  const seriesByCode = async (code: string) =>
    (await t.call('GET', '/v1/series')).body.find((s: { code: string }) => s.code === code);

  test('a series is created from the form and listed with its per-type counters; bad codes get 422', async () => {
    const bad = await postForm('/console/series', { code: 'A B/1', kind: 'N' });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /<p class="field-error" id="e-code">/);
    assert.match(bad.body, /value="A B\/1"/);
    const created = await postForm('/console/series', { code: 'LOJA2026', description: 'Loja', kind: 'N' });
    assert.equal(created.statusCode, 303, created.body);
    const s = await seriesByCode('LOJA2026');
    assert.equal(created.headers.location, `/console/series/${s.id}?done=created`);
    const dup = await postForm('/console/series', { code: 'LOJA2026', kind: 'N' });
    assert.equal(dup.statusCode, 422);
    assert.match(dup.body, /<p class="field-error" id="e-code">/);

    const doc = await t.call('POST', '/v1/documents', {
      type: 'FT',
      seriesId: s.id,
      finalize: true,
      customer: { name: 'Cliente', taxId: '503340855' },
      lines: [{ description: 'Serviço', quantity: '1', unitPrice: '10', taxName: 'IVA23' }],
    });
    assert.equal(doc.status, 201, JSON.stringify(doc.body));
    const list = await get('/console/series?q=loja');
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /LOJA2026/);
    assert.match(list.body, /FT 1/, 'the FT counter');
    const page = await get(`/console/series/${s.id}`);
    assert.match(page.body, /id="series-counters"/);
    const renamed = await postForm(`/console/series/${s.id}`, { code: 'OUTRA', description: 'Loja' });
    assert.equal(renamed.statusCode, 422, 'a used series keeps its identifier');
    assert.match(renamed.body, /<p class="field-error" id="e-code">/);
    const described = await postForm(`/console/series/${s.id}`, { code: 'LOJA2026', description: 'Loja nova' });
    assert.equal(described.statusCode, 303, described.body);
    assert.equal((await seriesByCode('LOJA2026')).description, 'Loja nova');
  });

  test('without AT credentials, registering tells so on the page (409), not a 5xx', async () => {
    const s = await t.call('POST', '/v1/series', { code: 'SEMCRED' });
    const res = await postForm(`/console/series/${s.body.id}/register`, { docType: 'FT' });
    assert.equal(res.statusCode, 409, res.body.slice(0, 300));
    assert.match(res.body, /role="alert"/);
  });

  test('register at the fake AT: the page shows the validation code; AT down or refusing is a message', async () => {
    const username = '503340855/1';
    fake.addUser(username, 'senha-teste');
    const settings = await t.call('PUT', '/v1/at/settings', { username, password: 'senha-teste' });
    assert.equal(settings.status, 200, JSON.stringify(settings.body));
    const s = await t.call('POST', '/v1/series', { code: 'REG2026' });

    fake.failNext('http503', 2);
    const down = await postForm(`/console/series/${s.body.id}/register`, { docType: 'FT' });
    assert.equal(down.statusCode, 409, 'AT unavailable is a message, not a 5xx');
    assert.match(down.body, /role="alert"/);
    assert.match(down.body, /id="at-detail"[^>]*>[^<]*503/);
    fake.failNext({ code: 3010, message: 'Erro simulado' });
    const refused = await postForm(`/console/series/${s.body.id}/register`, { docType: 'FT' });
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /Erro simulado/);
    const badType = await postForm(`/console/series/${s.body.id}/register`, { docType: 'XX' });
    assert.equal(badType.statusCode, 422);
    assert.match(badType.body, /<p class="field-error" id="e-docType">/);
    assert.equal((await t.call('GET', `/v1/series/${s.body.id}`)).body.docTypes.length, 0, 'nothing stored');

    const ok = await postForm(`/console/series/${s.body.id}/register`, { docType: 'FT' });
    assert.equal(ok.statusCode, 303, ok.body.slice(0, 500));
    assert.equal(ok.headers.location, `/console/series/${s.body.id}?done=registered&docType=FT`);
    const code = fake.series.find((x) => x.serie === 'REG2026' && x.tipoDoc === 'FT')!.codValidacaoSerie;
    const page = await get(ok.headers.location!);
    assert.match(page.body, new RegExp(`id="registered-code"[^>]*>[^<]*${code}`));
    assert.match(page.body, new RegExp(`<code>${code}</code>`));

    await postForm(`/console/series/${s.body.id}/register`, { docType: 'NC' });
    const annulled = await postForm(`/console/series/${s.body.id}/annul`, { docType: 'NC' });
    assert.equal(annulled.statusCode, 303, annulled.body.slice(0, 500));
    const after = (await t.call('GET', `/v1/series/${s.body.id}`)).body.docTypes;
    assert.equal(after.find((d: { type: string }) => d.type === 'NC').validationCode, null);

    const finalized = await postForm(`/console/series/${s.body.id}/finalize`, { justification: 'Fim' });
    assert.equal(finalized.statusCode, 303, finalized.body.slice(0, 500));
    assert.equal((await t.call('GET', `/v1/series/${s.body.id}`)).body.status, 'finalized');
    assert.equal(fake.series.find((x) => x.serie === 'REG2026' && x.tipoDoc === 'FT')!.estado, 'F');
    const closed = await get(`/console/series/${s.body.id}`);
    assert.doesNotMatch(closed.body, /action="\/console\/series\/\d+\/register"/, 'no registering a finalized series');
  });

  test('finalizing when AT confirms only some types says so; finalizing again resends the rest', async () => {
    const s = await t.call('POST', '/v1/series', { code: 'PARCIAL' });
    for (const docType of ['FT', 'NC'])
      assert.equal((await postForm(`/console/series/${s.body.id}/register`, { docType })).statusCode, 303);
    fake.failNext('http503');
    const partly = await postForm(`/console/series/${s.body.id}/finalize`, {});
    assert.equal(partly.statusCode, 303, partly.body.slice(0, 300));
    assert.equal(partly.headers.location, `/console/series/${s.body.id}?done=finalizedPartly`);
    const page = await get(partly.headers.location!);
    assert.match(page.body, /role="alert"/);
    assert.match(page.body, /action="\/console\/series\/\d+\/finalize"/, 'the page offers to finalize again');
    const again = await postForm(`/console/series/${s.body.id}/finalize`, {});
    assert.equal(again.headers.location, `/console/series/${s.body.id}?done=finalized`);
    const atSide = fake.series.filter((x) => x.serie === 'PARCIAL').map((x) => x.estado);
    assert.deepEqual(atSide, ['F', 'F']);
  });

  test('an unused series without registration is finalized or deleted here; a used one is not deleted', async () => {
    const s = await t.call('POST', '/v1/series', { code: 'LOCAL' });
    const fin = await postForm(`/console/series/${s.body.id}/finalize`, {});
    assert.equal(fin.statusCode, 303);
    assert.equal((await t.call('GET', `/v1/series/${s.body.id}`)).body.status, 'finalized');
    const d = await postForm(`/console/series/${s.body.id}/delete`, {});
    assert.equal(d.statusCode, 303);
    assert.equal((await t.call('GET', `/v1/series/${s.body.id}`)).status, 404);
    const used = await seriesByCode('LOJA2026');
    const refused = await postForm(`/console/series/${used.id}/delete`, {});
    assert.equal(refused.statusCode, 409);
    assert.match(refused.body, /role="alert"/);
    const other = await t.newAccount();
    const theirs = (await t.call('GET', '/v1/series', undefined, { key: other.apiKey })).body[0];
    assert.equal((await get(`/console/series/${theirs.id}`)).statusCode, 404);
    assert.equal((await postForm(`/console/series/${theirs.id}/register`, { docType: 'FT' })).statusCode, 404);
  });
});
