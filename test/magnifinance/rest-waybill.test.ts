import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { skipUnlessFakeAt } from '../support/fake-at-server.js';
import { futureLocal, today } from '../at/at-env.js';
import { startMfAtEnv, type MfAtAccount, type MfAtEnv } from './tax-communication-env.js';

// REST `POST /magnifinance/api/v1.1/document/waybill` (#18) on PGlite and PostgreSQL: seed 000's WaybillCreate fields
// as JSON (flat Lines, numbers as strings and as numbers) run the same WaybillCreate as SOAP: with the account's AT
// sub-user set, the fake AT gets the transport document and its code is in the answer.
describe('MagniFinance REST waybill: AT code in the answer', skipUnlessFakeAt(), () => {
  let mf: MfAtEnv;
  let a: MfAtAccount;

  const rest = async (url: string, body: unknown) => {
    const res = await mf.env.t.app.inject({
      method: 'POST',
      url: `/magnifinance/api/v1.1/${url}`,
      headers: { email: a.email, token: a.token, 'content-type': 'application/json' },
      payload: JSON.stringify(body),
    });
    return { status: res.statusCode, body: JSON.parse(res.body), text: res.body };
  };

  /** Seed 000's WaybillCreate fields, as a REST client writes them. */
  const waybill = (over: Record<string, unknown> = {}) => ({
    Client: { NIF: '503340855', Name: 'Cliente Guias, Lda', Address: 'Rua do Destino, 5', CountryCode: 'pt' },
    Waybill: {
      Date: today(),
      DueDate: today(),
      Description: 'Paletes para o Porto',
      Type: 'T',
      Currency: 'eur',
      Lines: [
        {
          Code: 'PAL',
          Description: 'Paletes de cortiça',
          UnitPrice: '12.5',
          Quantity: 10,
          Unit: 'UN',
          Type: 'P',
          TaxValue: '23',
          ProductDiscount: 0,
          CostCenter: 'Armazém',
        },
      ],
      LoadDateTime: futureLocal(1, '10:30:00'),
      LoadAddress: {
        AddressDetail: 'Armazém Central, Rua A 1',
        City: 'Lisboa',
        PostalCode: '1000-001',
        CountryCode: 'pt',
      },
      DestinationAddress: {
        AddressDetail: 'Rua do Destino, 5',
        City: 'Porto',
        PostalCode: '4000-001',
        CountryCode: 'PT',
      },
      VehicleLicence: '11-AA-22',
      ...over,
    },
    IsToClose: 'true',
  });

  before(async () => {
    mf = await startMfAtEnv();
    a = await mf.account('rest-waybill');
    const tax = await mf.client('/MagniAPI/taxcommunication.asmx');
    const [set] = await tax.ActivationSetAsync({
      authentication: a.auth,
      activation: { Username: a.username, Password: a.password, IsActive: false },
    });
    assert.equal(set.Response.Type, 'Success', JSON.stringify(set));
    await mf.registerSeries(a);
  });
  after(async () => {
    await mf?.close();
  });

  test('a closed waybill reaches AT; the answer has DocumentId, DocumentNumber and its ATCode', async () => {
    const r = await rest('document/waybill', waybill());
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.Type, 0);
    assert.equal(r.body.IsSuccess, true);
    const o = r.body.Object;
    assert.equal(typeof o.DocumentId, 'number');
    assert.match(o.DocumentNumber, /^GT \S+\/\d+$/);
    const atDoc = mf.env.fake.transportDocs.get(`${a.nif}|${o.DocumentNumber}`);
    assert.ok(atDoc, 'the fake AT has it');
    assert.equal(o.ATCode, atDoc.atDocCodeId);
  });

  test('a waybill without its load address is 400 naming the Waybill field; nothing reaches AT', async () => {
    const before = mf.env.fake.transportDocs.size;
    const r = await rest('document/waybill', waybill({ LoadAddress: null }));
    assert.equal(r.status, 400, r.text);
    assert.equal(r.body.IsError, true);
    assert.match(JSON.stringify(r.body.ValidationErrors), /Waybill\.LoadAddress/);
    assert.equal(mf.env.fake.transportDocs.size, before);
  });
});
