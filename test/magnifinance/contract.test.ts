import { after, before, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import * as soap from 'soap';
import { setUserPassword } from '../../src/app/accounts/set-user-password.js';
import { atConfig } from '../at/at-env.js';
import { skipUnlessFakeAt, startFakeAtServer, type FakeAtServer } from '../support/fake-at-server.js';
import { startMfServer, type MfServer } from './fixtures/mf-server.js';
import { INVOICING_OPERATIONS, TAX_OPERATIONS } from './fixtures/operations.js';

/**
 * The contract as production Node integrations hold it: the `soap` client built from the served WSDL calls every
 * operation of both services over SOAP 1.1 and 1.2 (`forceSoap12Headers`), the way EV's billing service does
 * (`client.DocumentCreate(arg, cb)`, `Lines: [{APIInvoicingProduct: {...}}]`), and reads what those clients read:
 * `Type === 'Success'`, the wrapper names, DocumentId a number, ValidationErrors lists, `FR A2026/1`-style numbers,
 * `"29,52"` amounts. An operation not in the served WSDL is a `todo`, never a pass.
 */
type Version = '1.1' | '1.2';
type SoapAnswer = Record<string, any>;
const VERSIONS: Version[] = ['1.1', '1.2'];
const SOAP12_ENV = 'http://www.w3.org/2003/05/soap-envelope';
/** The integrator's user password, which SpecialAuthentication carries for GetPartnerAccessTokens. */
const PASSWORD = 'segredo-do-integrador-1';
/** The AT sub-user of the account (its NIF is 503340855), known to the fake AT. */
const AT_USER = { Username: '503340855/1', Password: 'senha-do-subutilizador' };
/** Without ../shared there is no fake AT: ActivationSet and the waybill's AT code are then skipped, saying so. */
const noFakeAt = skipUnlessFakeAt().skip;

let mf: MfServer;
let fake: FakeAtServer | undefined;
const invoicing = {} as Record<Version, soap.Client>;
const tax = {} as Record<Version, soap.Client | undefined>;

before(async () => {
  if (!noFakeAt) {
    fake = await startFakeAtServer();
    fake.addUser(AT_USER.Username, AT_USER.Password);
  }
  mf = await startMfServer(fake ? atConfig(fake) : {});
  await mf.t.db.database.db
    .transaction()
    .execute((tx) => setUserPassword(tx, { email: mf.account.email, password: PASSWORD }));
  const wsdl = `${mf.base}/MagniAPI/Invoicing.asmx?WSDL`;
  // node-soap caches a WSDL by URL with the options of the first client: a second client needs its own copy.
  invoicing['1.1'] = await soap.createClientAsync(wsdl, { disableCache: true });
  invoicing['1.2'] = await soap.createClientAsync(wsdl, { disableCache: true, forceSoap12Headers: true });
  const taxWsdl = `${mf.base}/MagniAPI/taxcommunication.asmx?wsdl`;
  if ((await fetch(taxWsdl)).ok) {
    tax['1.1'] = await soap.createClientAsync(taxWsdl, { disableCache: true });
    tax['1.2'] = await soap.createClientAsync(taxWsdl, { disableCache: true, forceSoap12Headers: true });
  }
});
after(async () => {
  await mf?.close();
  await fake?.close();
});

const auth = () => ({ Email: mf.account.email, Token: mf.account.token });

/** EV's call: the generated method with a node-style callback. */
function ev(client: soap.Client, op: string, arg: object): Promise<SoapAnswer> {
  return new Promise((resolve, reject) => {
    (client[op] as (a: object, cb: (err: unknown, result: SoapAnswer) => void) => void)(arg, (err, result) =>
      err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve(result),
    );
  });
}

/** Whether the served WSDL has the operation; if not, the case is a todo saying so. */
function landed(t: TestContext, client: soap.Client | undefined, op: string): client is soap.Client {
  if (client && typeof client[op] === 'function') return true;
  t.todo(`${op} is not in the served WSDL yet`);
  return false;
}

function wrapped(result: SoapAnswer, wrapper: string): SoapAnswer {
  assert.deepEqual(Object.keys(result), [wrapper], 'the response element holds only its wrapper, never …Result');
  return result[wrapper] as SoapAnswer;
}

function success(result: SoapAnswer, wrapper = 'Response'): SoapAnswer {
  const r = wrapped(result, wrapper);
  assert.equal(r.Type, 'Success', JSON.stringify(r));
  return r;
}

function failure(result: SoapAnswer, wrapper: string, value: number, name: string): SoapAnswer {
  const r = wrapped(result, wrapper);
  assert.equal(r.Type, 'Error', JSON.stringify(r));
  assert.equal(r.ErrorValue?.Value, value, JSON.stringify(r.ErrorValue));
  assert.equal(r.ErrorValue?.Name, name);
  assert.equal(typeof r.ErrorHumanReadable, 'string');
  if (r.ValidationErrors) assert.ok(Array.isArray(r.ValidationErrors.ValidationError), 'ValidationError a list');
  return r;
}

const today = () => new Date().toISOString().slice(0, 10);

/** EV's DocumentCreate argument (services/… createBillingDocument): one `{APIInvoicingProduct}` per line. */
function evDocument(externalId: string, type = 'T', isToClose = true) {
  return {
    Authentication: auth(),
    Client: {
      NIF: '180975030',
      Name: 'Company lda',
      Address: 'Av. Sidónio Pais, Nº 2, 2 Esq. A',
      City: 'Lisboa',
      PostCode: '1050-215',
      CountryCode: 'PT',
      CountryName: 'Portugal',
      PhoneNumber: '912345678',
      Email: 'cliente@example.pt',
    },
    Document: {
      Date: today(),
      DueDate: today(),
      Description: 'EVIO Mobility',
      Type: type,
      ExternalId: externalId,
      Lines: [
        {
          APIInvoicingProduct: {
            Code: 'KWH',
            Description: 'Energia',
            UnitPrice: 10,
            Quantity: 2,
            Unit: 'kWh',
            Type: 'S',
            TaxValue: 23,
            ProductDiscount: 0,
          },
        },
        {
          APIInvoicingProduct: {
            Code: 'TAXA',
            Description: 'Taxa de ativação',
            UnitPrice: 5,
            Quantity: 1,
            Unit: 'unit',
            Type: 'S',
            TaxValue: 23,
            ProductDiscount: 20,
          },
        },
      ],
    },
    IsToClose: isToClose,
  };
}

/** Polls DocumentGet as EV does (Type !== 'Success' means still processing), running the outbox in between. */
async function pollDocument(client: soap.Client, id: number): Promise<{ first: SoapAnswer; ready: SoapAnswer }> {
  const first = await ev(client, 'DocumentGet', { Authentication: auth(), DocumentId: id });
  let ready = first;
  for (let i = 0; i < 50 && ready.Response?.Type !== 'Success'; i++) {
    await mf.t.worker.drain();
    ready = await ev(client, 'DocumentGet', { Authentication: auth(), DocumentId: id });
  }
  return { first, ready };
}

for (const v of VERSIONS) {
  const state: { invoiceId?: number; receiptId?: number; externalId?: string } = {};
  const client = () => invoicing[v];

  test(`SOAP ${v}: DocumentCreate with EV's call shape, one <Lines> per line, a finalized FR`, async (t) => {
    if (!landed(t, client(), 'DocumentCreate')) return;
    state.externalId = `EV-${v}-${Date.now()}`;
    const r = success(await ev(client(), 'DocumentCreate', evDocument(state.externalId)));
    const request = client().lastRequest ?? '';
    assert.equal((request.match(/<(\w+:)?Lines>/g) ?? []).length, 2, 'node-soap sent one <Lines> per line');
    assert.equal(request.includes(SOAP12_ENV), v === '1.2');
    const contentType = v === '1.2' ? /^application\/soap\+xml/ : /^text\/xml/;
    assert.match(String(client().lastRequestHeaders?.['Content-Type']), contentType);
    assert.match(String(client().lastResponseHeaders?.['content-type']), contentType, 'answered in kind');
    assert.equal(typeof r.Object.DocumentId, 'number');
    assert.ok(Number.isInteger(r.Object.DocumentId) && r.Object.DocumentId > 0);
    state.receiptId = r.Object.DocumentId;
    const native = await mf.t.call('GET', `/v1/documents/${state.receiptId}`, undefined, { key: mf.account.token });
    assert.equal(native.status, 200);
    assert.deepEqual(
      [native.body.type, native.body.status, native.body.lines.length, native.body.totals.gross],
      ['FR', 'final', 2, '29.52'],
    );
  });

  test(`SOAP ${v}: the same ExternalId again is error 14 DocumentIsADuplicate (HTTP 200, no fault)`, async (t) => {
    if (!landed(t, client(), 'DocumentCreate')) return;
    assert.ok(state.externalId, 'the first DocumentCreate passed');
    const r = failure(await ev(client(), 'DocumentCreate', evDocument(state.externalId)), 'Response', 14, 'SaveFailed');
    const [error, ...more] = r.ValidationErrors.ValidationError as SoapAnswer[];
    assert.equal(more.length, 0);
    assert.equal(error!.Type, 'DocumentIsADuplicate');
    assert.equal(error!.Field, 'DocumentDetailExternalId');
  });

  test(`SOAP ${v}: DocumentGet answers 06 for a draft, then the closed document's number and a PDF link`, async (t) => {
    if (!landed(t, client(), 'DocumentGet')) return;
    assert.ok(state.receiptId, 'the first DocumentCreate passed');
    const draft = success(await ev(client(), 'DocumentCreate', evDocument(`EV-draft-${v}-${Date.now()}`, 'I', false)));
    failure(
      await ev(client(), 'DocumentGet', { Authentication: auth(), DocumentId: draft.Object.DocumentId }),
      'Response',
      6,
      'ElementDoesNotExist',
    );
    const { first, ready } = await pollDocument(client(), state.receiptId);
    if (first.Response.Type !== 'Success') failure(first, 'Response', 6, 'ElementDoesNotExist');
    const r = success(ready);
    assert.match(r.Object.DocumentNumber, /^FR [A-Z0-9]+\/\d+$/);
    const url = new URL(r.Object.DownloadUrl);
    assert.equal(url.origin, mf.root, 'the link is on the host the client called');
    const pdf = await fetch(url);
    assert.equal(pdf.status, 200);
    assert.equal(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 4)
        .toString(),
      '%PDF',
    );
  });

  test(`SOAP ${v}: DocumentGetProperty paymentstatus, "29,52"-style strings`, async (t) => {
    if (!landed(t, client(), 'DocumentGetProperty')) return;
    assert.ok(state.receiptId, 'the first DocumentCreate passed');
    const ask = (id: number) =>
      ev(client(), 'DocumentGetProperty', {
        Authentication: auth(),
        DocumentId: id,
        DocumentProperty: 'paymentstatus',
      });
    const paid = success(await ask(state.receiptId), 'ResponseDocumentGetProperty');
    assert.deepEqual(paid.Object, { PaymentStatus: 'Complete', TotalAmount: '29,52', UnpaidAmount: '0,00' });
    const invoice = success(await ev(client(), 'DocumentCreate', evDocument(`EV-FT-${v}-${Date.now()}`, 'I')));
    state.invoiceId = invoice.Object.DocumentId;
    const unpaid = success(await ask(state.invoiceId!), 'ResponseDocumentGetProperty');
    assert.deepEqual(unpaid.Object, { PaymentStatus: 'NoPayment', TotalAmount: '29,52', UnpaidAmount: '29,52' });
    failure(
      await ev(client(), 'DocumentGetProperty', {
        Authentication: auth(),
        DocumentId: state.invoiceId,
        DocumentProperty: 'colour',
      }),
      'ResponseDocumentGetProperty',
      7,
      'TypeInvalid',
    );
  });

  test(`SOAP ${v}: DocumentCancel`, async (t) => {
    if (!landed(t, client(), 'DocumentCancel')) return;
    const doc = success(await ev(client(), 'DocumentCreate', evDocument(`EV-cancel-${v}-${Date.now()}`, 'I')));
    const id = doc.Object.DocumentId as number;
    success(await ev(client(), 'DocumentCancel', { Authentication: auth(), DocumentId: id }));
    const native = await mf.t.call('GET', `/v1/documents/${id}`, undefined, { key: mf.account.token });
    assert.equal(native.body.status, 'cancelled');
    failure(
      await ev(client(), 'DocumentCancel', { Authentication: auth(), DocumentId: 987654 }),
      'Response',
      6,
      'ElementDoesNotExist',
    );
  });

  test(`SOAP ${v}: TaxCommunication: ActivationSet (checked with AT), ActivationGet, CommunicationList`, async (t) => {
    const c = tax[v];
    const lower = { Email: mf.account.email, Token: mf.account.token };
    if (landed(t, c, 'ActivationSet')) {
      if (noFakeAt) t.skip(noFakeAt);
      else {
        const r = success(
          await ev(c, 'ActivationSet', { authentication: lower, activation: { ...AT_USER, IsActive: true } }),
        );
        assert.deepEqual(
          [r.Object.Username, r.Object.IsActive, r.Object.IsAuthenticated],
          [AT_USER.Username, true, true],
        );
        assert.ok(!(c.lastResponse as string).includes(AT_USER.Password), 'the password is never echoed');
      }
    }
    if (landed(t, c, 'ActivationGet')) {
      const r = success(await ev(c, 'ActivationGet', { authentication: lower }));
      assert.equal(r.Object.IsActive, !noFakeAt);
      assert.equal(typeof r.Object.IsAuthenticated, 'boolean');
    }
    if (landed(t, c, 'CommunicationList')) {
      const r = success(
        await ev(c, 'CommunicationList', {
          authentication: lower,
          parameters: { TotalElements: 0, ElementsPerPage: 500, CurrentPage: 1 },
        }),
      );
      assert.deepEqual([r.Object.ElementsPerPage, r.Object.CurrentPage], [100, 1], 'at most 100 a page');
      assert.equal(typeof r.Object.TotalElements, 'number');
    }
  });

  test(`SOAP ${v}: WaybillCreate`, async (t) => {
    if (!landed(t, client(), 'WaybillCreate')) return;
    const { Client, Document } = evDocument('unused');
    const r = success(
      await ev(client(), 'WaybillCreate', {
        Authentication: auth(),
        Client,
        Waybill: {
          Date: today(),
          DueDate: today(),
          Description: 'Guia de transporte',
          Type: 'T',
          Lines: Document.Lines,
          LoadDateTime: `${today()}T23:00:00`,
          LoadAddress: {
            AddressDetail: 'Rua do Armazém, 1',
            City: 'Lisboa',
            PostalCode: '1000-001',
            CountryCode: 'PT',
          },
          DestinationAddress: {
            AddressDetail: 'Av. da Boavista, 2',
            City: 'Porto',
            PostalCode: '4100-001',
            CountryCode: 'PT',
          },
          VehicleLicence: '00-AA-00',
        },
        IsToClose: true,
      }),
    );
    assert.equal(typeof r.Object.DocumentId, 'number');
    assert.match(r.Object.DocumentNumber, /^GT [A-Z0-9]+\/\d+$/);
    if (noFakeAt) return t.skip(`the AT code: ${noFakeAt}`);
    // ActivationSet above switched communication on: the waybill went to AT before the answer.
    assert.match(String(r.Object.ATCode), /^\S+$/, JSON.stringify(r.Object));
    assert.equal(fake!.transportDocs.get(`503340855|${r.Object.DocumentNumber}`)?.atDocCodeId, r.Object.ATCode);
  });

  test(`SOAP ${v}: ClientGet and TaxIdValidation`, async (t) => {
    // The customer DocumentCreate created above, found by its NIF.
    if (landed(t, client(), 'ClientGet') && landed(t, client(), 'DocumentCreate')) {
      const r = success(
        await ev(client(), 'ClientGet', { Authentication: auth(), TaxId: '180975030', CountryCode: 'PT' }),
      );
      assert.equal(String(r.Object.NIF), '180975030');
      failure(
        await ev(client(), 'ClientGet', { Authentication: auth(), TaxId: '510000355', CountryCode: 'PT' }),
        'Response',
        6,
        'ElementDoesNotExist',
      );
    }
    if (landed(t, client(), 'TaxIdValidation')) {
      success(await ev(client(), 'TaxIdValidation', { Authentication: auth(), TaxId: '180975030', CountryCode: 'PT' }));
      failure(
        await ev(client(), 'TaxIdValidation', { Authentication: auth(), TaxId: '123456788', CountryCode: 'PT' }),
        'Response',
        4,
        'InvalidTaxId',
      );
    }
  });

  test(`SOAP ${v}: AddPartner, GetPartnerAccessTokens, and the partner invoicing with its token`, async (t) => {
    if (!landed(t, client(), 'AddPartner')) return;
    const partnerTaxId = v === '1.1' ? '510000002' : '510000070';
    const partnerEmail = `parceiro-${v}-${Date.now()}@example.pt`;
    success(
      await ev(client(), 'AddPartner', {
        Authentication: auth(),
        PartnerInformation: {
          UserName: 'Parceiro',
          UserEmail: partnerEmail,
          UserPhone: '912345678',
          CompanyTaxId: partnerTaxId,
          CompanyLegalName: `Parceiro ${v}, Lda`,
          CompanyAddress: 'Rua do Parceiro, 3',
          CompanyCity: 'Braga',
          CompanyPostCode: '4700-001',
          CompanyCountry: 'PT',
        },
      }),
      'ResponseAddPartner',
    );
    if (!landed(t, client(), 'GetPartnerAccessTokens')) return;
    const special = { ...auth(), Password: PASSWORD };
    const r = success(
      await ev(client(), 'GetPartnerAccessTokens', { SpecialAuthentication: special, PartnerTaxId: partnerTaxId }),
      'ResponseGetPartnerAccessTokens',
    );
    const items = r.Object.APIAccessTokenBase as SoapAnswer[];
    assert.ok(Array.isArray(items) && items.length >= 1, JSON.stringify(r.Object));
    assert.equal(typeof items[0]!.AccessToken, 'string');
    failure(
      await ev(client(), 'GetPartnerAccessTokens', { SpecialAuthentication: special, PartnerTaxId: '510000142' }),
      'ResponseGetPartnerAccessTokens',
      38,
      'PartnershipNotFound',
    );
    failure(
      await ev(client(), 'GetPartnerAccessTokens', {
        SpecialAuthentication: { ...special, Password: 'not-the-password' },
        PartnerTaxId: partnerTaxId,
      }),
      'ResponseGetPartnerAccessTokens',
      1,
      'AuthenticationError',
    );
    if (!landed(t, client(), 'DocumentCreate')) return;
    // The partner invoices as itself: its user's e-mail and the token it was given.
    const asPartner = evDocument(`EV-partner-${v}-${Date.now()}`);
    asPartner.Authentication = { Email: partnerEmail, Token: items[0]!.AccessToken as string };
    const own = success(await ev(client(), 'DocumentCreate', asPartner));
    failure(
      await ev(client(), 'DocumentGet', { Authentication: auth(), DocumentId: own.Object.DocumentId }),
      'Response',
      6,
      'ElementDoesNotExist',
    );
  });

  test(`SOAP ${v}: a bad token is error 01 AuthenticationError over HTTP 200`, async (t) => {
    if (!landed(t, client(), 'DocumentGet')) return;
    const r = await ev(client(), 'DocumentGet', {
      Authentication: { Email: mf.account.email, Token: 'fat_not_a_key' },
      DocumentId: 1,
    });
    failure(r, 'Response', 1, 'AuthenticationError');
  });
}

test('the served WSDLs hold no operation this contract does not cover', () => {
  const described = (c: soap.Client | undefined) =>
    c
      ? Object.values(c.describe() as Record<string, Record<string, object>>).flatMap((svc) =>
          Object.values(svc).flatMap((port) => Object.keys(port)),
        )
      : [];
  for (const op of described(invoicing['1.1'])) assert.ok(op in INVOICING_OPERATIONS, op);
  for (const op of described(tax['1.1'])) assert.ok(op in TAX_OPERATIONS, op);
});
