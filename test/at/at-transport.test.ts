import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { skipUnlessFakeAt } from '../support/fake-at-server.js';
import { drainAll, invoice, startAtEnv, transportGuide, type AtAccount, type AtEnv } from './at-env.js';

describe('transport documents communicated to AT through the outbox (sgdtws)', skipUnlessFakeAt(), () => {
  let env: AtEnv;
  let a: AtAccount;
  let gtCode: string;
  const jobs = (kind = 'at.transport') =>
    env.t.db.database.db
      .selectFrom('jobs')
      .selectAll()
      .where('account_id', '=', a.accountId)
      .where('kind', '=', kind)
      .orderBy('id')
      .execute();
  const log = async (documentId: number) =>
    (await a.call('GET', `/v1/at/communications?documentId=${documentId}`)).body.data.reverse();
  const newGuide = async (extra: Record<string, unknown> = {}) => {
    const r = await a.call('POST', '/v1/documents', transportGuide({ finalize: true, ...extra }));
    assert.equal(r.status, 201, JSON.stringify(r.body));
    return r.body;
  };

  before(async () => {
    env = await startAtEnv();
    a = await env.account({ transport: true });
    const series = (await a.call('GET', '/v1/series')).body[0];
    const reg = await a.call('POST', `/v1/series/${series.id}/register`, { docType: 'GT' });
    gtCode = reg.body.registration.validationCode;
  });
  after(async () => {
    await env?.close();
  });

  test('finalizing a GT enqueues at.transport in the same transaction; the worker stores the ATDocCodeID', async () => {
    const before = (await jobs()).length;
    const g = await newGuide();
    const queued = await jobs();
    assert.equal(queued.length, before + 1);
    assert.deepEqual(queued.at(-1)!.payload, { documentId: g.id, event: 'issue' });
    assert.equal(queued.at(-1)!.max_attempts, 20);
    assert.equal(g.transport.atCode, null, 'not yet: the call happens after the commit');

    await drainAll(env.t);
    const sent = env.fake.requestsFor('envioDocumentoTransporteRequestElem').at(-1)!;
    assert.equal(sent.authCode, 0);
    assert.equal(sent.body.DocumentNumber, g.number);
    assert.equal(sent.body.ATCUD, `${gtCode}-${g.sequence}`);
    assert.equal(sent.body.MovementType, 'GT');
    assert.equal(sent.body.CustomerTaxID, '503340855');
    assert.equal(sent.body.AddressFrom.Addressdetail, 'Armazém Central, Rua A 1');
    assert.equal(sent.body.AddressTo.PostalCode, '4000-001');
    assert.equal(sent.body.MovementStartTime, g.transport.loadAt);
    assert.equal(sent.body.VehicleID, 'AA-00-BB');
    assert.deepEqual(
      sent.body.Line.map((l: Record<string, string>) => [
        l.ProductDescription,
        l.Quantity,
        l.UnitOfMeasure,
        l.UnitPrice,
      ]),
      [['Paletes de cortiça', '10', 'UN', '12.5']],
    );

    const atCode = env.fake.transportDocs.get(`${a.nif}|${g.number}`)!.atDocCodeId;
    const view = await a.call('GET', `/v1/documents/${g.id}`);
    assert.equal(view.body.transport.atCode, atCode);
    assert.equal(view.body.status, 'final');
    const entries = await log(g.id);
    assert.deepEqual(
      entries.map((e: { operation: string; status: string; returnCode: string; atCode: string; attempt: number }) => [
        e.operation,
        e.status,
        e.returnCode,
        e.atCode,
        e.attempt,
      ]),
      [['envioDocumentoTransporte', 'success', '0', atCode, 1]],
    );
    assert.equal(entries[0].request.envioDocumentoTransporteRequestElem.DocumentNumber, g.number);
    assert.ok(!JSON.stringify(entries).includes(a.password));
    assert.equal((await jobs()).at(-1)!.state, 'done');
  });

  test('AT down: retries with backoff, the document stays finalized, and a later attempt succeeds', async () => {
    env.fake.failNext('http503');
    env.fake.failNext('serverFault');
    const g = await newGuide();
    await env.slowWorker().drain();
    const job = (await jobs()).at(-1)!;
    assert.equal(job.state, 'pending', 'waiting for its backoff');
    assert.ok(Date.parse(job.run_at) > Date.now() + 30_000, 'backoff');
    assert.equal(job.attempts, 1);
    assert.match(job.last_error!, /http:503/);
    const mid = await a.call('GET', `/v1/documents/${g.id}`);
    assert.equal(mid.body.status, 'final');
    assert.equal(mid.body.transport.atCode, null);

    const other = await a.call('POST', '/v1/documents', invoice({ type: 'FT' }));
    assert.equal(other.status, 201, 'AT being down blocks nothing else');

    await env.t.db.database.db
      .updateTable('jobs')
      .set({ run_at: new Date().toISOString() })
      .where('id', '=', job.id)
      .execute();
    await drainAll(env.t);
    assert.equal((await jobs()).at(-1)!.state, 'done');
    const entries = await log(g.id);
    assert.deepEqual(
      entries.map((e: { status: string; returnCode: string; attempt: number }) => [e.status, e.returnCode, e.attempt]),
      [
        ['retryable', 'http:503', 1],
        ['retryable', 'fault:S:Server', 2],
        ['success', '0', 3],
      ],
    );
    assert.ok((await a.call('GET', `/v1/documents/${g.id}`)).body.transport.atCode);
  });

  test('a lost answer: AT kept the document, the retry gets -3 with the code, which is kept', async () => {
    env.fake.failNext('processThenHang');
    const g = await newGuide();
    await drainAll(env.t);
    const atCode = env.fake.transportDocs.get(`${a.nif}|${g.number}`)!.atDocCodeId;
    assert.equal((await a.call('GET', `/v1/documents/${g.id}`)).body.transport.atCode, atCode);
    assert.deepEqual(
      (await log(g.id)).map((e: { status: string; returnCode: string }) => [e.status, e.returnCode]),
      [
        ['retryable', 'timeout'],
        ['success', '-3'],
      ],
    );
  });

  test('AT refuses (-1): the job is dead after one attempt, the log keeps AT’s answer; sending again by hand works', async () => {
    env.fake.failNext({ code: -1, message: 'Parâmetro de entrada inválido' });
    const g = await newGuide();
    await drainAll(env.t);
    const job = (await jobs()).at(-1)!;
    assert.equal(job.state, 'dead');
    assert.equal(job.attempts, 1);
    assert.match(job.last_error!, /-1: Parâmetro de entrada inválido/);
    const entries = await log(g.id);
    assert.deepEqual(
      entries.map((e: { status: string; returnCode: string; returnMessage: string }) => [
        e.status,
        e.returnCode,
        e.returnMessage,
      ]),
      [['permanent', '-1', 'Parâmetro de entrada inválido']],
    );
    assert.equal((await a.call('GET', `/v1/documents/${g.id}`)).body.status, 'final');
    const failed = await a.call('GET', '/v1/at/communications?status=permanent&operation=envioDocumentoTransporte');
    assert.ok(failed.body.data.some((e: { documentId: number }) => e.documentId === g.id));

    const now = await a.call('POST', `/v1/documents/${g.id}/communicate`);
    assert.equal(now.status, 200, JSON.stringify(now.body));
    assert.equal(now.body.status, 'success');
    assert.ok(now.body.atCode);
    assert.equal(now.body.document.transport.atCode, now.body.atCode);
    const again = await a.call('POST', `/v1/documents/${g.id}/communicate`);
    assert.equal(again.status, 200);
    assert.equal(again.body.status, 'skipped');
    assert.match(again.body.message, /Already communicated/);
  });

  test('communicate now: without automatic communication, refused by AT (422), and queued while AT is down (202)', async () => {
    const manual = await env.account({ transport: false });
    const series = (await manual.call('GET', '/v1/series')).body[0];
    await manual.call('POST', `/v1/series/${series.id}/register`, { docType: 'GR' });
    const g = await manual.call('POST', '/v1/documents', transportGuide({ type: 'GR', finalize: true }));
    assert.equal(g.status, 201, JSON.stringify(g.body));
    const none = await env.t.db.database.db
      .selectFrom('jobs')
      .select('id')
      .where('account_id', '=', manual.accountId)
      .where('kind', 'like', 'at.%')
      .execute();
    assert.equal(none.length, 0, 'automatic communication off: nothing queued');

    env.fake.failNext({ code: -21, message: 'Máximo 3 meses de antecedência' });
    const refused = await manual.call('POST', `/v1/documents/${g.body.id}/communicate`);
    assert.equal(refused.status, 422);
    assert.equal(refused.body.error.code, 'at_rejected');
    assert.match(refused.body.error.message, /-21/);

    env.fake.failNext('http503');
    const queued = await manual.call('POST', `/v1/documents/${g.body.id}/communicate`);
    assert.equal(queued.status, 202, JSON.stringify(queued.body));
    assert.equal(queued.body.queued, true);
    const job = await env.t.db.database.db
      .selectFrom('jobs')
      .selectAll()
      .where('account_id', '=', manual.accountId)
      .where('kind', 'like', 'at.%')
      .executeTakeFirstOrThrow();
    assert.equal(job.kind, 'at.transport');
    await env.t.db.database.db
      .updateTable('jobs')
      .set({ run_at: new Date().toISOString() })
      .where('id', '=', job.id)
      .execute();
    await drainAll(env.t);
    const done = await manual.call('GET', `/v1/documents/${g.body.id}`);
    assert.ok(done.body.transport.atCode);

    const ft = await manual.call('POST', '/v1/documents', invoice({ type: 'OR', finalize: true }));
    const wrongType = await manual.call('POST', `/v1/documents/${ft.body.id}/communicate`);
    assert.equal(wrongType.status, 422);
    const draft = await manual.call('POST', '/v1/documents', transportGuide({ type: 'GR' }));
    const notFinal = await manual.call('POST', `/v1/documents/${draft.body.id}/communicate`);
    assert.equal(notFinal.status, 409);
  });

  test('the AT code can be entered and cleared by hand (a mutable column of finalized documents)', async () => {
    env.fake.failNext({ code: -99, message: 'Erro interno' }, 25);
    const g = await newGuide();
    const r = await a.call('PUT', `/v1/documents/${g.id}/at-code`, { atCode: 'ATC-778899' });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.transport.atCode, 'ATC-778899');
    assert.equal(r.body.hash, undefined);
    assert.equal(r.body.signature.hash, g.signature.hash, 'fiscal data untouched');
    env.fake.clearFailures();
    await drainAll(env.t);
    assert.equal((await jobs()).at(-1)!.state, 'done');
    const entries = await log(g.id);
    assert.deepEqual(
      entries.map((e: { operation: string; status: string }) => [e.operation, e.status]),
      [
        ['manualAtCode', 'success'],
        ['envioDocumentoTransporte', 'skipped'],
      ],
      'the queued send sees the code and does not call AT',
    );
    for (const bad of ['', '   ', 'com espaço', 'x'.repeat(201)]) {
      const b = await a.call('PUT', `/v1/documents/${g.id}/at-code`, { atCode: bad });
      assert.equal(b.status, 422, `${JSON.stringify(bad)} → ${b.status}`);
    }
    const missing = await a.call('PUT', `/v1/documents/${g.id}/at-code`, {});
    assert.equal(missing.status, 422);
    const cleared = await a.call('PUT', `/v1/documents/${g.id}/at-code`, { atCode: null });
    assert.equal(cleared.status, 200);
    assert.equal(cleared.body.transport.atCode, null);
    const inv = await a.call('POST', '/v1/documents', invoice({ type: 'OR', finalize: true }));
    assert.equal((await a.call('PUT', `/v1/documents/${inv.body.id}/at-code`, { atCode: '1' })).status, 422);
    const draft = await a.call('POST', '/v1/documents', transportGuide());
    assert.equal((await a.call('PUT', `/v1/documents/${draft.body.id}/at-code`, { atCode: '1' })).status, 409);
    assert.equal((await a.call('PUT', '/v1/documents/99999999/at-code', { atCode: '1' })).status, 404);
  });

  test('cancelling a communicated guide sends it again as cancelled (MovementStatus A with its code)', async () => {
    const g = await newGuide();
    await drainAll(env.t);
    const code = (await a.call('GET', `/v1/documents/${g.id}`)).body.transport.atCode;
    const c = await a.call('POST', `/v1/documents/${g.id}/cancel`, { reason: 'Transporte não efetuado' });
    assert.equal(c.status, 200);
    await drainAll(env.t);
    const sent = env.fake.requestsFor('envioDocumentoTransporteRequestElem').at(-1)!;
    assert.deepEqual([sent.body.MovementStatus, sent.body.ATDocCodeID, sent.returned], ['A', code, '0']);
    assert.equal(env.fake.transportDocs.get(`${a.nif}|${g.number}`)!.status, 'A');
    const entries = await log(g.id);
    assert.deepEqual(
      entries.map((e: { status: string; request: Record<string, Record<string, string>> }) => [
        e.status,
        e.request.envioDocumentoTransporteRequestElem.MovementStatus,
      ]),
      [
        ['success', 'N'],
        ['success', 'A'],
      ],
    );
  });

  test('training series are not communicated; a guide without ATCUD is accepted with AT’s warning', async () => {
    const training = await a.call('POST', '/v1/series', { code: 'FORM', kind: 'F' });
    const t = await newGuide({ seriesId: training.body.id });
    const calls = env.fake.requests.length;
    await drainAll(env.t);
    assert.equal(env.fake.requests.length, calls);
    assert.deepEqual(
      (await log(t.id)).map((e: { status: string }) => e.status),
      ['skipped'],
    );

    const sb = await env.account({ sandbox: true, transport: true });
    const g = await sb.call('POST', '/v1/documents', transportGuide({ finalize: true }));
    assert.equal(g.body.atcud, '0');
    await drainAll(env.t);
    const sent = env.fake.requestsFor('envioDocumentoTransporteRequestElem').at(-1)!;
    assert.equal(sent.body.ATCUD, undefined, 'the 0 placeholder is not an ATCUD');
    const entries = (await sb.call('GET', `/v1/at/communications?documentId=${g.body.id}`)).body.data;
    assert.equal(entries[0].status, 'success');
    assert.match(entries[0].returnMessage, /não apresenta um ATCUD válido/);
  });

  test('a transient failure is logged as retryable, then the retry as success with the ATDocCodeID', async () => {
    env.fake.failNext('http503');
    const g = await newGuide();
    await drainAll(env.t);
    const entries = await log(g.id);
    assert.deepEqual(
      entries.map((e: { operation: string; status: string }) => [e.operation, e.status]),
      [
        ['envioDocumentoTransporte', 'retryable'],
        ['envioDocumentoTransporte', 'success'],
      ],
    );
    assert.ok(entries.at(-1).atCode);
  });

  test('the log filters by document, status, operation and date, and pages', async () => {
    const all = await a.call('GET', '/v1/at/communications?perPage=2');
    assert.equal(all.status, 200);
    assert.equal(all.body.data.length, 2);
    assert.ok(all.body.pagination.total > 5);
    const ids = all.body.data.map((e: { id: number }) => e.id);
    assert.ok(ids[0] > ids[1], 'newest first');
    const future = await a.call('GET', '/v1/at/communications?from=2100-01-01');
    assert.equal(future.body.pagination.total, 0);
    const past = await a.call('GET', '/v1/at/communications?to=2000-01-01');
    assert.equal(past.body.pagination.total, 0);
    const today = await a.call(
      `GET`,
      `/v1/at/communications?from=${new Date(Date.now() - 86_400_000).toISOString().slice(0, 10)}&status=success,skipped&service=transport`,
    );
    assert.ok(
      today.body.data.every(
        (e: { status: string; service: string }) =>
          ['success', 'skipped'].includes(e.status) && e.service === 'transport',
      ),
    );
    const bad = await a.call('GET', '/v1/at/communications?from=yesterday');
    assert.equal(bad.status, 422);
    const other = await env.account();
    assert.equal((await other.call('GET', '/v1/at/communications')).body.pagination.total, 0, 'per account');
  });
});
