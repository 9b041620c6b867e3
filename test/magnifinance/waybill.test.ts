import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type * as soap from 'soap';
import { XMLParser } from 'fast-xml-parser';
import { skipUnlessFakeAt } from '../support/fake-at-server.js';
import { atConfig, futureLocal, today, transportGuide } from '../at/at-env.js';
import { testConfigWith } from '../support/app.js';
import { buildServices } from '../../src/server/build-services.js';
import { Metrics } from '../../src/infra/metrics/metrics.js';
import { communicateDocument } from '../../src/app/at/communicate-document.js';
import { communicateTransportNow } from '../../src/app/at/communicate-transport-now.js';
import { readShared, skipUnlessShared } from '../support/shared.js';
import { MF_AT_TIMEOUT_MS, startMfAtEnv, type MfAtAccount, type MfAtEnv } from './tax-communication-env.js';

const INVOICING = '/MagniAPI/Invoicing.asmx';
const TAX = '/MagniAPI/taxcommunication.asmx';

/** node-soap answers `[result, rawResponse, …]`; result is `{Response: {...}}`. */
async function call(client: soap.Client, op: string, args: Record<string, unknown>) {
  const [result, raw] = await client[`${op}Async`](args);
  return { response: result.Response, raw: raw as string };
}

/** A waybill as EV-style node integrations send it: `Lines: [{APIInvoicingProduct: {...}}]`, IsToClose. */
function waybill(auth: MfAtAccount['auth'], extra: Record<string, unknown> = {}, isToClose = true) {
  return {
    Authentication: auth,
    Client: { NIF: '503340855', Name: 'Cliente Guias, Lda', Address: 'Rua do Destino, 5', CountryCode: 'PT' },
    Waybill: {
      Date: today(),
      Description: 'Paletes para o Porto',
      Lines: [
        {
          APIInvoicingProduct: {
            Code: 'PAL',
            Description: 'Paletes de cortiça',
            UnitPrice: 12.5,
            Quantity: 10,
            Unit: 'UN',
            Type: 'P',
            TaxValue: 23,
          },
        },
        {
          APIInvoicingProduct: {
            Code: 'CX',
            Description: 'Caixas',
            UnitPrice: 2,
            Quantity: 4,
            Type: 'P',
            TaxValue: 23,
          },
        },
      ],
      LoadDateTime: futureLocal(1, '10:30:00'),
      LoadAddress: {
        AddressDetail: 'Armazém Central, Rua A 1',
        City: 'Lisboa',
        PostalCode: '1000-001',
        CountryCode: 'PT',
      },
      DestinationAddress: {
        AddressDetail: 'Rua do Destino, 5',
        City: 'Porto',
        PostalCode: '4000-001',
        CountryCode: 'PT',
      },
      VehicleLicence: '11-aa-22',
      ...extra,
    },
    IsToClose: isToClose,
  };
}

const xml = new XMLParser({ removeNSPrefix: true, parseTagValue: false, processEntities: false });

/** Seed 000's WaybillCreate body (its opening tag lost on the page), with the seed's own typos fixed. */
function seedWaybillBody(): string {
  const seed = readShared('seeds', '000_aa5ad66eaf475940.txt');
  const start = seed.indexOf('</inv:DocumentGet>') + '</inv:DocumentGet>'.length;
  const end = seed.indexOf('</inv:WaybillCreate>') + '</inv:WaybillCreate>'.length;
  return seed
    .slice(start, end)
    .replace('<inv: Retention>', '<inv:Retention>')
    .replace('???? /inv:LoadDateTime>', '???? </inv:LoadDateTime>');
}

describe(
  'MagniFinance WaybillCreate: a transport guide communicated to AT, its code in the answer',
  skipUnlessFakeAt(),
  () => {
    let mf: MfAtEnv;
    let a: MfAtAccount;
    let inv: soap.Client;
    let inv12: soap.Client;

    before(async () => {
      mf = await startMfAtEnv();
      a = await mf.account('waybill');
      const tax = await mf.client(TAX);
      const set = await call(tax, 'ActivationSet', {
        authentication: a.auth,
        activation: { Username: a.username, Password: a.password, IsActive: false },
      });
      assert.equal(set.response.Type, 'Success', set.raw);
      await mf.registerSeries(a);
      inv = await mf.client(INVOICING);
      inv12 = await mf.client(INVOICING, true);
    });
    after(async () => {
      await mf?.close();
    });

    test('a closed waybill reaches AT before the answer, which carries DocumentId, DocumentNumber and ATCode (SOAP 1.1 and 1.2)', async () => {
      for (const client of [inv, inv12]) {
        const r = await call(client, 'WaybillCreate', waybill(a.auth));
        assert.equal(r.response.Type, 'Success', r.raw);
        const o = r.response.Object;
        assert.equal(typeof o.DocumentId, 'number');
        assert.match(o.DocumentNumber, /^GT \S+\/\d+$/);
        const atDoc = mf.env.fake.transportDocs.get(`${a.nif}|${o.DocumentNumber}`);
        assert.ok(atDoc, 'the fake AT has it');
        assert.equal(o.ATCode, atDoc.atDocCodeId);
        assert.equal(o.ErrorMessage ?? '', '');

        const sent = mf.env.fake.requestsFor('envioDocumentoTransporteRequestElem').at(-1)!;
        assert.equal(sent.authCode, 0);
        assert.equal(sent.body.MovementType, 'GT');
        assert.equal(sent.body.MovementStartTime, futureLocal(1, '10:30:00'));
        assert.equal(sent.body.VehicleID, '11-AA-22');
        assert.equal(sent.body.AddressFrom.City, 'Lisboa');
        assert.equal(sent.body.AddressTo.City, 'Porto');
        assert.equal(sent.body.CustomerTaxID, '503340855');
        assert.deepEqual(
          sent.body.Line.map((l: Record<string, string>) => [l.ProductDescription, l.Quantity, l.UnitPrice]),
          [
            ['Paletes de cortiça', '10', '12.5'],
            ['Caixas', '4', '2'],
          ],
          'both <Lines> elements, merged in order',
        );

        const view = await mf.env.t.call('GET', `/v1/documents/${o.DocumentId}`, undefined, { key: a.token });
        assert.equal(view.body.status, 'final');
        assert.equal(view.body.type, 'GT');
        assert.equal(view.body.transport.atCode, o.ATCode);
      }
      assert.match(
        (await call(inv12, 'WaybillCreate', waybill(a.auth))).raw,
        /http:\/\/www\.w3\.org\/2003\/05\/soap-envelope/,
        'answered in SOAP 1.2',
      );
    });

    test('Type picks the guide (R → GR); a draft is not communicated', async () => {
      const gr = await call(inv, 'WaybillCreate', waybill(a.auth, { Type: 'R' }));
      assert.equal(gr.response.Type, 'Error', 'GR series not registered with AT in a production account');
      assert.equal(gr.response.ErrorValue.Value, 18);

      const before = mf.env.fake.requestsFor('envioDocumentoTransporteRequestElem').length;
      const draft = await call(inv, 'WaybillCreate', waybill(a.auth, { Retention: 5 }, false));
      assert.equal(draft.response.Type, 'Success', draft.raw);
      assert.equal(draft.response.Object.DocumentNumber ?? '', '');
      assert.equal(draft.response.Object.ATCode ?? '', '');
      assert.equal(mf.env.fake.requestsFor('envioDocumentoTransporteRequestElem').length, before);
      const view = await mf.env.t.call('GET', `/v1/documents/${draft.response.Object.DocumentId}`, undefined, {
        key: a.token,
      });
      assert.equal(view.body.status, 'draft');
      assert.equal(view.body.transport.vehiclePlate, '11-AA-22');
      assert.equal(view.body.withholding, null, 'a transport document carries no withholding');
      const badRetention = await call(inv, 'WaybillCreate', waybill(a.auth, { Retention: 120 }, false));
      assert.equal(badRetention.response.ErrorValue.Value, 22);
    });

    test('AT refusing the waybill is error 14 with AT’s message; AT down queues it and answers without a code', async () => {
      mf.env.fake.failNext({ code: -1, message: 'Parâmetro de entrada inválido' });
      const refused = await call(inv, 'WaybillCreate', waybill(a.auth));
      assert.equal(refused.response.Type, 'Error', refused.raw);
      assert.equal(refused.response.ErrorValue.Value, 14);
      assert.match(refused.response.ErrorHumanReadable, /Parâmetro de entrada inválido/);
      const id = Number(refused.response.ValidationErrors.ValidationError[0].Value);
      const kept = await mf.env.t.call('GET', `/v1/documents/${id}`, undefined, { key: a.token });
      assert.equal(kept.body.status, 'final', 'the waybill stays created and closed');
      assert.equal(kept.body.transport.atCode, null);

      mf.env.fake.failNext('http503');
      const down = await call(inv, 'WaybillCreate', waybill(a.auth));
      assert.equal(down.response.Type, 'Success', down.raw);
      assert.equal(down.response.Object.ATCode ?? '', '');
      assert.match(down.response.Object.ErrorMessage, /queued/);
      // The retry waits 30 s; the test makes it due now.
      await mf.env.t.db.database.db
        .updateTable('jobs')
        .set({ run_at: new Date(Date.now() - 1000).toISOString() })
        .where('account_id', '=', a.accountId)
        .where('kind', '=', 'at.transport')
        .where('state', '=', 'pending')
        .execute();
      await mf.env.t.worker.drain();
      const later = await mf.env.t.call('GET', `/v1/documents/${down.response.Object.DocumentId}`, undefined, {
        key: a.token,
      });
      assert.ok(later.body.transport.atCode, 'the queued communication brought the code');
    });

    test('an account without AT credentials gets its waybill created and closed, with an empty ATCode', async () => {
      const b = await mf.account('no-at');
      await mf.env.t.db.database.db
        .updateTable('accounts')
        .set({ sandbox: true })
        .where('id', '=', b.accountId)
        .execute();
      const r = await call(inv, 'WaybillCreate', waybill(b.auth));
      assert.equal(r.response.Type, 'Success', r.raw);
      assert.match(r.response.Object.DocumentNumber, /^GT /);
      assert.equal(r.response.Object.ATCode ?? '', '');
      assert.match(r.response.Object.ErrorMessage, /Not communicated to AT.*ActivationSet/);
    });

    test('the transport rules are the core’s, reported on the Waybill’s fields', async () => {
      const early = await call(inv, 'WaybillCreate', waybill(a.auth, { LoadDateTime: '2020-01-01T10:00:00' }));
      assert.equal(early.response.ErrorValue.Value, 2, early.raw);
      assert.equal(early.response.ValidationErrors.ValidationError[0].Field, 'Waybill.LoadDateTime');

      const missing = await call(
        inv,
        'WaybillCreate',
        waybill(a.auth, { DestinationAddress: undefined, VehicleLicence: undefined }),
      );
      assert.equal(missing.response.ErrorValue.Value, 2, missing.raw);
      assert.deepEqual(
        missing.response.ValidationErrors.ValidationError.map((v: { Field: string }) => v.Field).sort(),
        ['Waybill.DestinationAddress', 'Waybill.VehicleLicence'],
      );

      const unreadable = await call(inv, 'WaybillCreate', waybill(a.auth, { LoadDateTime: 'amanhã de manhã' }));
      assert.equal(unreadable.response.ErrorValue.Value, 2);
      assert.equal(unreadable.response.ValidationErrors.ValidationError[0].Field, 'Waybill.LoadDateTime');

      const before = mf.env.fake.requestsFor('envioDocumentoTransporteRequestElem').length;
      const tooFar = await call(inv, 'WaybillCreate', waybill(a.auth, { LoadDateTime: futureLocal(100) }));
      assert.equal(tooFar.response.ErrorValue.Value, 2, tooFar.raw);
      assert.equal(tooFar.response.ValidationErrors.ValidationError[0].Field, 'Waybill.LoadDateTime');
      assert.match(tooFar.response.ErrorHumanReadable, /3 months/);
      assert.equal(mf.env.fake.requestsFor('envioDocumentoTransporteRequestElem').length, before, 'nothing sent');

      const type = await call(inv, 'WaybillCreate', waybill(a.auth, { Type: 'FT' }));
      assert.equal(type.response.ErrorValue.Value, 7);
      assert.equal(type.response.ErrorValue.Name, 'TypeInvalid');
    });

    test('with automatic communication on, AT receives the waybill once: the request takes the queued job over', async () => {
      const tax = await mf.client(TAX);
      const on = await call(tax, 'ActivationSet', {
        authentication: a.auth,
        activation: { Username: a.username, Password: a.password, IsActive: true },
      });
      assert.equal(on.response.Object.IsActive, true, on.raw);
      const r = await call(inv, 'WaybillCreate', waybill(a.auth));
      assert.equal(r.response.Type, 'Success', r.raw);
      const o = r.response.Object;
      assert.ok(o.ATCode);
      const sentFor = () =>
        mf.env.fake
          .requestsFor('envioDocumentoTransporteRequestElem')
          .filter((q) => q.body.DocumentNumber === o.DocumentNumber).length;
      assert.equal(sentFor(), 1);
      const jobs = await mf.env.t.db.database.db
        .selectFrom('jobs')
        .select(['state', 'attempts'])
        .where('account_id', '=', a.accountId)
        .where('kind', '=', 'at.transport')
        .where('dedupe_key', '=', `${o.DocumentId}:issue`)
        .execute();
      assert.deepEqual(jobs, [{ state: 'done', attempts: 0 }], 'queued by the finalize, taken over by the request');
      await mf.env.t.worker.drain();
      assert.equal(sentFor(), 1, 'the worker sends nothing more');

      // With the worker running (told of the job as the finalize commits), still once each.
      mf.env.t.worker.start();
      try {
        const many = await Promise.all([1, 2, 3].map(() => call(inv, 'WaybillCreate', waybill(a.auth))));
        await new Promise((res) => setTimeout(res, 300));
        for (const m of many) {
          assert.equal(m.response.Type, 'Success', m.raw);
          const n = m.response.Object.DocumentNumber;
          const sent = mf.env.fake
            .requestsFor('envioDocumentoTransporteRequestElem')
            .filter((q) => q.body.DocumentNumber === n);
          assert.ok(m.response.Object.ATCode, `${n}: ${m.response.Object.ErrorMessage} (sent ${sent.length}×)`);
          assert.equal(sent.length, 1, `${n} reached AT once`);
        }
      } finally {
        await mf.env.t.worker.stop();
      }
    });

    test('an attempt the worker already started is awaited, not repeated (communicateTransportNow)', async () => {
      const db = mf.env.t.db.database.db;
      const deps = buildServices(
        testConfigWith(atConfig(mf.env.fake, {}, MF_AT_TIMEOUT_MS)),
        mf.env.t.db.database,
        new Metrics(),
      ).at();
      const g = await mf.env.t.call('POST', '/v1/documents', transportGuide({ finalize: true }), { key: a.token });
      assert.equal(g.status, 201, JSON.stringify(g.body));
      const job = db
        .updateTable('jobs')
        .where('account_id', '=', a.accountId)
        .where('kind', '=', 'at.transport')
        .where('dedupe_key', '=', `${g.body.id}:issue`);
      // The worker's claim, then its attempt finishing 300 ms later.
      assert.equal(
        (await job.set({ state: 'running' }).where('state', '=', 'pending').executeTakeFirst()).numUpdatedRows,
        1n,
      );
      const worker = (async () => {
        await new Promise((r) => setTimeout(r, 300));
        await communicateDocument(db, deps, a.accountId, g.body.id, 'issue', { now: new Date() });
        await job.set({ state: 'done' }).execute();
      })();
      const ctx = { accountId: a.accountId, userId: null, now: new Date() };
      const r = await communicateTransportNow(db, deps, ctx, g.body.id, { pollMs: 50 });
      await worker;
      assert.equal(r.status, 'skipped', r.message);
      assert.equal(r.atCode, mf.env.fake.transportDocs.get(`${a.nif}|${g.body.number}`)!.atDocCodeId);
      const sent = mf.env.fake
        .requestsFor('envioDocumentoTransporteRequestElem')
        .filter((q) => q.body.DocumentNumber === g.body.number);
      assert.equal(sent.length, 1);
    });

    test('an attempt of the worker that fails puts the job back to pending: the waiting request takes it over (communicateTransportNow)', async () => {
      const db = mf.env.t.db.database.db;
      const deps = buildServices(
        testConfigWith(atConfig(mf.env.fake, {}, MF_AT_TIMEOUT_MS)),
        mf.env.t.db.database,
        new Metrics(),
      ).at();
      const g = await mf.env.t.call('POST', '/v1/documents', transportGuide({ finalize: true }), { key: a.token });
      assert.equal(g.status, 201, JSON.stringify(g.body));
      const job = db
        .updateTable('jobs')
        .where('account_id', '=', a.accountId)
        .where('kind', '=', 'at.transport')
        .where('dedupe_key', '=', `${g.body.id}:issue`);
      assert.equal(
        (await job.set({ state: 'running' }).where('state', '=', 'pending').executeTakeFirst()).numUpdatedRows,
        1n,
      );
      // The worker's attempt failing 300 ms later (AT did not answer): back to pending, due at once, as recordFailure.
      const worker = (async () => {
        await new Promise((r) => setTimeout(r, 300));
        await job.set({ state: 'pending', locked_until: null }).where('state', '=', 'running').execute();
      })();
      const ctx = { accountId: a.accountId, userId: null, now: new Date() };
      const r = await communicateTransportNow(db, deps, ctx, g.body.id, { pollMs: 50 });
      await worker;
      assert.equal(r.status, 'success', r.message);
      assert.equal(r.atCode, mf.env.fake.transportDocs.get(`${a.nif}|${g.body.number}`)!.atDocCodeId);
      const state = await db
        .selectFrom('jobs')
        .select('state')
        .where('account_id', '=', a.accountId)
        .where('kind', '=', 'at.transport')
        .where('dedupe_key', '=', `${g.body.id}:issue`)
        .execute();
      assert.deepEqual(state, [{ state: 'done' }], 'taken over, so no worker claims it again');
      await mf.env.t.worker.drain();
      const sent = mf.env.fake
        .requestsFor('envioDocumentoTransporteRequestElem')
        .filter((q) => q.body.DocumentNumber === g.body.number);
      assert.equal(sent.length, 1);
    });

    test(
      'seed 000’s WaybillCreate envelope, typos fixed, posted as written (SOAP 1.1 and 1.2): created with its AT code',
      skipUnlessShared('seeds', '000_aa5ad66eaf475940.txt'),
      async () => {
        const series = (await mf.env.t.call('GET', '/v1/series', undefined, { key: a.token })).body[0].code;
        const values: [string, string][] = [
          ['Email', a.email],
          ['Token', a.token],
          ['NIF', '503340855'],
          ['Name', 'Company lda'],
          ['Address', 'Av. Sidónio Pais, Nº 2, 2 Esq. A'],
          ['CountryCode', 'pt'],
          ['Date', today()],
          ['DueDate', today()],
          ['Description', 'An example api waybill'],
          ['Type', 'GT'],
          ['Series', series],
          ['TaxExemptionReasonCode', 'M07'],
          ['Currency', 'eur'],
          ['Retention', '0'],
          ['Code', 'SI'],
          ['Description', 'Product 2'],
          ['UnitPrice', '1'],
          ['Quantity', '1'],
          ['Unit', 'unit'],
          ['Type', 'P'],
          ['TaxValue', '23'],
          ['ProductDiscount', '20'],
          ['CostCenter', 'Cost Center x'],
          ['LoadDateTime', futureLocal(2, '08:00:00')],
          ['AddressDetail', 'Rua do Armazém, 1'],
          ['City', 'Lisboa'],
          ['PostalCode', '1000-001'],
          ['CountryCode', 'pt'],
          ['AddressDetail', 'Av. Sidónio Pais, Nº 2'],
          ['City', 'Lisboa'],
          ['PostalCode', '1050-215'],
          ['CountryCode', 'pt'],
          ['VehicleLicence', 'AA-00-BB'],
          ['IsToClose', 'true'],
        ];
        let i = 0;
        const body = seedWaybillBody().replace(/<inv:(\w+)> \?\?\?\? /g, (_m, name: string) => {
          const [expected, value] = values[i++];
          assert.equal(name, expected, `element ${i}`);
          return `<inv:${name}> ${value} `;
        });
        assert.equal(i, values.length);
        for (const [envNs, contentType] of [
          ['http://schemas.xmlsoap.org/soap/envelope/', 'text/xml; charset=utf-8'],
          ['http://www.w3.org/2003/05/soap-envelope', 'application/soap+xml; charset=utf-8'],
        ]) {
          const envelope = `<?xml version="1.0" encoding="utf-8"?>
<soap:Envelope xmlns:soap="${envNs}" xmlns:inv="http://MagniAPI/Invoicing/">
<soap:Header/>
<soap:Body>
<inv:WaybillCreate>
${body}
</soap:Body>
</soap:Envelope>`;
          const res = await fetch(`${mf.base}${INVOICING}`, {
            method: 'POST',
            headers: { 'content-type': contentType },
            body: envelope,
          });
          const text = await res.text();
          assert.equal(res.status, 200, text);
          const r = xml.parse(text).Envelope.Body.WaybillCreateResponse.Response;
          assert.equal(r.Type, 'Success', text);
          assert.match(r.Object.DocumentNumber, /^GT /);
          assert.equal(
            r.Object.ATCode,
            mf.env.fake.transportDocs.get(`${a.nif}|${r.Object.DocumentNumber}`)!.atDocCodeId,
          );
          const sent = mf.env.fake.requestsFor('envioDocumentoTransporteRequestElem').at(-1)!;
          assert.equal(sent.body.MovementStartTime, futureLocal(2, '08:00:00'));
          assert.equal(sent.body.Line[0].ProductDescription, 'Product 2');
        }
      },
    );
  },
);
