import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { skipUnlessFakeAt } from '../support/fake-at-server.js';
import { invoice, startAtEnv, transportGuide, type AtAccount, type AtEnv } from './at-env.js';

describe('series registration with AT (SeriesWS) and ATCUDs', skipUnlessFakeAt(), () => {
  let env: AtEnv;
  let a: AtAccount;
  let seriesId: number;
  let seriesCode: string;
  before(async () => {
    env = await startAtEnv();
    a = await env.account();
    const list = await a.call('GET', '/v1/series');
    seriesId = list.body[0].id;
    seriesCode = list.body[0].code;
  });
  after(async () => {
    await env?.close();
  });

  test('a production account cannot finalize in a series/type AT has not registered, and consumes no number', async () => {
    const d = await a.call('POST', '/v1/documents', invoice({ type: 'FR' }));
    assert.equal(d.status, 201, JSON.stringify(d.body));
    const f = await a.call('POST', `/v1/documents/${d.body.id}/finalize`);
    assert.equal(f.status, 422);
    assert.equal(f.body.error.code, 'series_not_registered');
    const direct = await a.call('POST', '/v1/documents', invoice({ type: 'FR', finalize: true }));
    assert.equal(direct.status, 422);
    assert.equal(direct.body.error.code, 'series_not_registered');
    const reg = await a.call('POST', `/v1/series/${seriesId}/register`, { docType: 'FR' });
    assert.equal(reg.status, 200, JSON.stringify(reg.body));
    const again = await a.call('POST', `/v1/documents/${d.body.id}/finalize`);
    assert.equal(again.status, 200, JSON.stringify(again.body));
    assert.equal(again.body.number, `FR ${seriesCode}/1`, 'the refused attempt left no gap');
    assert.equal(again.body.atcud, `${reg.body.registration.validationCode}-1`);
  });

  test('registering FT and GT through the API stores the codes; documents then carry CODE-sequence', async () => {
    const ft = await a.call('POST', `/v1/series/${seriesId}/register`, { docType: 'FT' });
    assert.equal(ft.status, 200, JSON.stringify(ft.body));
    const gt = await a.call('POST', `/v1/series/${seriesId}/register`, { docType: 'gt', startDate: '2030-01-02' });
    assert.equal(gt.status, 200, JSON.stringify(gt.body));
    const ftCode = ft.body.registration.validationCode;
    const gtCode = gt.body.registration.validationCode;
    assert.match(ftCode, /^[A-Z0-9]{8,}$/);
    assert.notEqual(ftCode, gtCode);
    assert.deepEqual(
      { ...ft.body.registration, validationCode: undefined },
      { seriesId, docType: 'FT', validationCode: undefined, environment: 'test', firstNumber: 1, reconciled: false },
    );

    const sent = env.fake.requestsFor('registarSerie').filter((r) => r.username === a.username);
    assert.deepEqual(
      sent
        .slice(-2)
        .map((r) => [
          r.body.serie,
          r.body.tipoSerie,
          r.body.classeDoc,
          r.body.tipoDoc,
          r.body.numInicialSeq,
          r.body.numCertSWFatur,
          r.body.meioProcessamento,
        ]),
      [
        [seriesCode, 'N', 'SI', 'FT', '1', '0', 'PI'],
        [seriesCode, 'N', 'MG', 'GT', '1', '0', 'PI'],
      ],
    );
    assert.equal(sent.at(-1)!.body.dataInicioPrevUtiliz, '2030-01-02');
    const atSide = env.fake.series
      .filter((s) => s.nif === a.nif && s.serie === seriesCode)
      .map((s) => [s.tipoDoc, s.codValidacaoSerie]);
    assert.deepEqual(
      atSide.filter(([t]) => t !== 'FR'),
      [
        ['FT', ftCode],
        ['GT', gtCode],
      ],
    );

    const view = await a.call('GET', `/v1/series/${seriesId}`);
    assert.deepEqual(
      view.body.docTypes
        .filter((t: { type: string }) => t.type !== 'FR')
        .map((t: { type: string; validationCode: string }) => [t.type, t.validationCode]),
      [
        ['FT', ftCode],
        ['GT', gtCode],
      ],
    );

    const f1 = await a.call('POST', '/v1/documents', invoice({ finalize: true }));
    const f2 = await a.call('POST', '/v1/documents', invoice({ finalize: true }));
    assert.equal(f1.status, 201, JSON.stringify(f1.body));
    assert.deepEqual([f1.body.atcud, f2.body.atcud], [`${ftCode}-1`, `${ftCode}-2`]);
    assert.match(f2.body.legal.qrPayload, new RegExp(`\\*H:${ftCode}-2\\*`));
    const g = await a.call('POST', '/v1/documents', transportGuide({ finalize: true }));
    assert.equal(g.status, 201, JSON.stringify(g.body));
    assert.equal(g.body.atcud, `${gtCode}-1`);
    assert.equal(g.body.transport.atCode, null, 'transport communication is off for this account');

    const dup = await a.call('POST', `/v1/series/${seriesId}/register`, { docType: 'FT' });
    assert.equal(dup.status, 409);
    const log = await a.call('GET', `/v1/at/communications?seriesId=${seriesId}&operation=registarSerie`);
    assert.equal(log.body.pagination.total, 3);
    assert.ok(
      log.body.data.every((e: { status: string; service: string }) => e.status === 'success' && e.service === 'series'),
    );
  });

  test('bad registration input is 422; unknown series 404', async () => {
    for (const docType of ['XX', 'SIC', '']) {
      const r = await a.call('POST', `/v1/series/${seriesId}/register`, { docType });
      assert.equal(r.status, 422, `${docType}: ${JSON.stringify(r.body)}`);
    }
    const d = await a.call('POST', `/v1/series/${seriesId}/register`, { docType: 'FS', startDate: '2026-02-30' });
    assert.equal(d.status, 422);
    const none = await a.call('POST', '/v1/series/999999/register', { docType: 'FS' });
    assert.equal(none.status, 404);
  });

  test('AT refuses → 422 with its code; AT down → 503 and nothing stored; a lost answer is recovered with consultarSeries', async () => {
    const s = await a.call('POST', '/v1/series', { code: 'REC' });
    env.fake.failNext({ code: 3010, message: 'Erro simulado' });
    const refused = await a.call('POST', `/v1/series/${s.body.id}/register`, { docType: 'FT' });
    assert.equal(refused.status, 422, JSON.stringify(refused.body));
    assert.equal(refused.body.error.code, 'at_rejected');
    assert.match(refused.body.error.message, /3010.*Erro simulado/);

    env.fake.failNext('http503', 2);
    const down = await a.call('POST', `/v1/series/${s.body.id}/register`, { docType: 'FT' });
    assert.equal(down.status, 503);
    assert.equal(down.body.error.code, 'at_unavailable');
    assert.equal((await a.call('GET', `/v1/series/${s.body.id}`)).body.docTypes.length, 0, 'nothing stored');

    env.fake.failNext('processThenHang');
    const lost = await a.call('POST', `/v1/series/${s.body.id}/register`, { docType: 'FT' });
    assert.equal(lost.status, 200, JSON.stringify(lost.body));
    assert.equal(lost.body.registration.reconciled, true);
    const atSide = env.fake.series.find((x) => x.nif === a.nif && x.serie === 'REC' && x.tipoDoc === 'FT')!;
    assert.equal(lost.body.registration.validationCode, atSide.codValidacaoSerie);
    const ops = await a.call('GET', `/v1/at/communications?seriesId=${s.body.id}`);
    assert.deepEqual(
      ops.body.data.map((e: { operation: string; status: string; returnCode: string }) => [
        e.operation,
        e.status,
        e.returnCode,
      ]),
      [
        ['consultarSeries', 'success', '2002'],
        ['registarSerie', 'retryable', 'timeout'],
        ['consultarSeries', 'retryable', 'http:503'],
        ['registarSerie', 'retryable', 'http:503'],
        ['consultarSeries', 'success', '2002'],
        ['registarSerie', 'permanent', '3010'],
      ],
    );
  });

  test('finalize-at blocks the series here and finalizes every registered type at AT with the last number', async () => {
    const s = await a.call('POST', '/v1/series', { code: 'FIN' });
    await a.call('POST', `/v1/series/${s.body.id}/register`, { docType: 'FT' });
    await a.call('POST', `/v1/series/${s.body.id}/register`, { docType: 'NC' });
    await a.call('POST', '/v1/documents', invoice({ seriesId: s.body.id, finalize: true }));
    await a.call('POST', '/v1/documents', invoice({ seriesId: s.body.id, finalize: true }));
    env.fake.failNext('http503');
    const partial = await a.call('POST', `/v1/series/${s.body.id}/finalize-at`, { justification: 'Fim de exercício' });
    assert.equal(partial.status, 200, JSON.stringify(partial.body));
    assert.equal(partial.body.complete, false);
    assert.deepEqual(
      partial.body.results.map((r: { docType: string; outcome: string }) => [r.docType, r.outcome]),
      [
        ['FT', 'retryable'],
        ['NC', 'success'],
      ],
    );
    assert.equal(partial.body.series.status, 'finalized');
    const blocked = await a.call('POST', '/v1/documents', invoice({ seriesId: s.body.id, finalize: true }));
    assert.equal(blocked.status, 422);
    assert.equal(blocked.body.error.code, 'series_inactive');
    const rest = await a.call('POST', `/v1/series/${s.body.id}/finalize-at`);
    assert.equal(rest.status, 200);
    assert.equal(rest.body.complete, true);
    assert.deepEqual(
      rest.body.results.map((r: { docType: string; message: string }) => r.docType),
      ['FT', 'NC'],
    );
    const atSide = env.fake.series
      .filter((x) => x.nif === a.nif && x.serie === 'FIN')
      .map((x) => [x.tipoDoc, x.estado, x.seqUltimoDocEmitido]);
    assert.deepEqual(atSide, [
      ['FT', 'F', '2'],
      ['NC', 'F', '0'],
    ]);
    assert.deepEqual(
      rest.body.series.atRegistrations.map((r: { docType: string; state: string }) => [r.docType, r.state]).sort(),
      [
        ['FT', 'F'],
        ['NC', 'F'],
      ],
    );
    const justification = env.fake
      .requestsFor('finalizarSerie')
      .filter((r) => r.body.serie === 'FIN' && r.body.tipoDoc === 'NC')[0].body.justificacao;
    assert.equal(justification, 'Fim de exercício');
  });

  test('annul-at forgets a registration made by mistake, only while unused', async () => {
    const s = await a.call('POST', '/v1/series', { code: 'ERR' });
    await a.call('POST', `/v1/series/${s.body.id}/register`, { docType: 'GR' });
    const ann = await a.call('POST', `/v1/series/${s.body.id}/annul-at`, { docType: 'GR' });
    assert.equal(ann.status, 200, JSON.stringify(ann.body));
    assert.equal(ann.body.series.docTypes.find((t: { type: string }) => t.type === 'GR').validationCode, null);
    assert.equal(env.fake.series.find((x) => x.nif === a.nif && x.serie === 'ERR')!.estado, 'N');
    const unregistered = await a.call('POST', `/v1/series/${s.body.id}/annul-at`, { docType: 'GR' });
    assert.equal(unregistered.status, 422);
    const used = await a.call('POST', `/v1/series/${seriesId}/annul-at`, { docType: 'FT' });
    assert.equal(used.status, 409);
    assert.equal(used.body.error.code, 'in_use');
  });

  test('a sandbox account without a code keeps the 0 placeholder', async () => {
    const sb = await env.account({ sandbox: true });
    const r = await sb.call('POST', '/v1/documents', invoice({ finalize: true }));
    assert.equal(r.status, 201);
    assert.equal(r.body.atcud, '0');
  });
});
