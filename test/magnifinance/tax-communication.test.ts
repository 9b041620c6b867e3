import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type * as soap from 'soap';
import { skipUnlessFakeAt } from '../support/fake-at-server.js';
import { futureLocal, today, transportGuide } from '../at/at-env.js';
import { startMfAtEnv, type MfAtAccount, type MfAtEnv } from './tax-communication-env.js';

const TAX = '/MagniAPI/taxcommunication.asmx';

/** node-soap answers `[result, rawResponse, soapHeader, rawRequest]`; result is `{Response: {...}}`. */
async function call(client: soap.Client, op: string, args: Record<string, unknown>) {
  const [result, raw] = await client[`${op}Async`](args);
  return { response: result.Response, raw: raw as string };
}

describe(
  'MagniFinance TaxCommunication service: ActivationSet, ActivationGet, CommunicationList',
  skipUnlessFakeAt(),
  () => {
    let mf: MfAtEnv;
    let a: MfAtAccount;
    let tax: soap.Client;
    let tax12: soap.Client;

    before(async () => {
      mf = await startMfAtEnv();
      a = await mf.account('tax');
      tax = await mf.client(TAX);
      tax12 = await mf.client(TAX, true);
    });
    after(async () => {
      await mf?.close();
    });

    test('ActivationSet checks the sub-user with AT first: refused or malformed credentials are not stored', async () => {
      const before = await call(tax, 'ActivationGet', { authentication: a.auth });
      assert.equal(before.response.Type, 'Success', before.raw);
      assert.equal(before.response.Object.IsActive, false);
      assert.equal(before.response.Object.IsAuthenticated, false);

      const malformed = await call(tax, 'ActivationSet', {
        authentication: a.auth,
        activation: { Username: 'abc', Password: 'x', IsActive: true },
      });
      assert.equal(malformed.response.Type, 'Error', malformed.raw);
      assert.equal(malformed.response.ErrorValue.Value, 2);
      assert.equal(malformed.response.ValidationErrors.ValidationError[0].Field, 'activation.Username');
      assert.equal(malformed.response.ValidationErrors.ValidationError[0].Value, 'abc', 'the value sent');
      assert.equal(env().fake.requestsFor('consultarSeries').length, 0, 'nothing reached AT');

      const otherNif = await call(tax, 'ActivationSet', {
        authentication: a.auth,
        activation: { Username: '503340855/1', Password: 'x', IsActive: true },
      });
      assert.equal(otherNif.response.ErrorValue.Value, 2, 'the sub-user must be of the account’s NIF');

      const wrong = await call(tax, 'ActivationSet', {
        authentication: a.auth,
        activation: { Username: a.username, Password: 'errada', IsActive: true },
      });
      assert.equal(wrong.response.Type, 'Error', wrong.raw);
      assert.equal(wrong.response.ErrorValue.Value, 2);
      assert.match(wrong.response.ErrorHumanReadable, /AT refused/);
      assert.equal(wrong.response.ValidationErrors.ValidationError[0].Field, 'activation.Password');
      assert.ok(!wrong.raw.includes('errada'), 'a password is never echoed, even refused');
      const still = await call(tax, 'ActivationGet', { authentication: a.auth });
      assert.equal(still.response.Object.Username, '', 'refused credentials are not stored');

      env().fake.failNext('http503');
      const down = await call(tax, 'ActivationSet', {
        authentication: a.auth,
        activation: { Username: a.username, Password: a.password, IsActive: true },
      });
      assert.equal(down.response.Type, 'Error');
      assert.match(down.response.ErrorHumanReadable, /could not be reached/);
    });

    test('ActivationSet stores the credentials and switches communication on; ActivationGet asks AT (SOAP 1.1 and 1.2)', async () => {
      const set = await call(tax, 'ActivationSet', {
        authentication: a.auth,
        activation: { Username: a.username, Password: a.password, IsActive: true },
      });
      assert.equal(set.response.Type, 'Success', set.raw);
      assert.deepEqual(
        [set.response.Object.Username, set.response.Object.IsActive, set.response.Object.IsAuthenticated],
        [a.username, true, true],
      );
      assert.ok(!set.raw.includes(a.password), 'the password is never echoed');
      const seen = env().fake.requestsFor('consultarSeries').at(-1)!;
      assert.equal(seen.username, a.username);
      assert.equal(seen.authCode, 0);

      const settings = await env().t.call('GET', '/v1/at/settings', undefined, { key: a.token });
      assert.equal(settings.body.username, a.username);
      assert.equal(settings.body.environment, 'production', 'a production account talks to AT’s production');
      assert.deepEqual([settings.body.transportEnabled, settings.body.invoicesEnabled], [true, true]);

      for (const client of [tax, tax12]) {
        const got = await call(client, 'ActivationGet', { authentication: a.auth });
        assert.equal(got.response.Type, 'Success', got.raw);
        assert.equal(got.response.Object.IsActive, true);
        assert.equal(got.response.Object.IsAuthenticated, true);
        assert.ok(!got.raw.includes(a.password));
      }
      assert.match(
        (await call(tax12, 'ActivationGet', { authentication: a.auth })).raw,
        /http:\/\/www\.w3\.org\/2003\/05\/soap-envelope/,
        'answered in SOAP 1.2',
      );

      const off = await call(tax, 'ActivationSet', {
        authentication: a.auth,
        activation: { Username: a.username, Password: a.password, IsActive: false },
      });
      assert.equal(off.response.Object.IsActive, false);
      assert.equal(off.response.Object.IsAuthenticated, true);
      const offSettings = await env().t.call('GET', '/v1/at/settings', undefined, { key: a.token });
      assert.deepEqual([offSettings.body.transportEnabled, offSettings.body.invoicesEnabled], [false, false]);
    });

    test('CommunicationList pages the communicated documents with their AT status; other accounts see none', async () => {
      const b = await mf.account('list');
      const set = await call(tax, 'ActivationSet', {
        authentication: b.auth,
        activation: { Username: b.username, Password: b.password, IsActive: true },
      });
      assert.equal(set.response.Type, 'Success', set.raw);
      await mf.registerSeries(b);
      const native = (m: string, u: string, body?: unknown) => env().t.call(m, u, body, { key: b.token });
      const ids: number[] = [];
      for (let i = 0; i < 3; i++) {
        const g = await native('POST', '/v1/documents', transportGuide({ finalize: true, loadAt: futureLocal(1) }));
        assert.equal(g.status, 201, JSON.stringify(g.body));
        ids.push(g.body.id);
      }
      env().fake.failNext({ code: -1, message: 'Parâmetro de entrada inválido' });
      await env().t.worker.drain();
      await env().t.worker.drain();

      const all = await call(tax, 'CommunicationList', {
        authentication: b.auth,
        parameters: { TotalElements: 0, ElementsPerPage: 500, CurrentPage: 1 },
      });
      assert.equal(all.response.Type, 'Success', all.raw);
      const o = all.response.Object;
      assert.deepEqual([o.TotalElements, o.ElementsPerPage, o.CurrentPage, o.TotalPages], [3, 100, 1, 1]);
      const rows = o.Communications.DocumentCommunication;
      assert.deepEqual(rows.map((r: { DocumentId: number }) => r.DocumentId).sort(), [...ids].sort());
      const refused = rows.filter((r: { Status: string }) => r.Status === 'Error');
      assert.equal(refused.length, 1);
      assert.equal(refused[0].ReturnCode, '-1');
      assert.equal(refused[0].ATCode, '');
      for (const r of rows.filter((x: { Status: string }) => x.Status === 'Success')) {
        assert.match(r.DocumentNumber, /^GT /);
        assert.equal(r.DocumentType, 'GT');
        assert.equal(r.DocumentDate, today());
        assert.equal(r.ATCode, env().fake.transportDocs.get(`${b.nif}|${r.DocumentNumber}`)!.atDocCodeId);
        assert.equal(r.Environment, 'production');
      }

      const page2 = await call(tax12, 'CommunicationList', {
        authentication: b.auth,
        parameters: { ElementsPerPage: 2, CurrentPage: 2 },
      });
      const p2 = page2.response.Object;
      assert.deepEqual([p2.TotalElements, p2.ElementsPerPage, p2.CurrentPage, p2.TotalPages], [3, 2, 2, 2]);
      assert.equal(p2.Communications.DocumentCommunication.length, 1);
      assert.equal(p2.Communications.DocumentCommunication[0].DocumentId, rows[2].DocumentId, 'newest first');

      const bad = await call(tax, 'CommunicationList', {
        authentication: b.auth,
        parameters: { ElementsPerPage: -1, CurrentPage: 1 },
      });
      assert.equal(bad.response.ErrorValue.Value, 2);

      const other = await call(tax, 'CommunicationList', { authentication: a.auth, parameters: {} });
      assert.equal(other.response.Object.TotalElements, 0, 'another account’s log is not listed');
    });

    test('a wrong token is error 01 over HTTP 200, for each operation', async () => {
      const auth = { Email: a.email, Token: 'not-a-token' };
      for (const [op, args] of [
        ['ActivationGet', {}],
        ['ActivationSet', { activation: { Username: a.username, Password: a.password, IsActive: true } }],
        ['CommunicationList', { parameters: {} }],
      ] as const) {
        const r = await call(tax, op, { authentication: auth, ...args });
        assert.equal(r.response.Type, 'Error', `${op}: ${r.raw}`);
        assert.equal(r.response.ErrorValue.Value, 1);
        assert.equal(r.response.ErrorValue.Name, 'AuthenticationError');
      }
    });

    function env() {
      return mf.env;
    }
  },
);
