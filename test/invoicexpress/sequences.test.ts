import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { skipUnlessFakeAt } from '../support/fake-at-server.js';
import { invoice, startAtEnv, type AtAccount, type AtEnv } from '../at/at-env.js';
import { ixClient, type IxClient } from './client.js';

const TYPES = [
  'invoice',
  'simplified_invoice',
  'invoice_receipt',
  'credit_note',
  'debit_note',
  'receipt',
  'quote',
  'proforma',
  'fees_note',
  'shipping',
  'transport',
  'devolution',
  'vat_moss_invoice',
  'vat_moss_credit_note',
  'vat_moss_receipt',
];
const codes = (s: Record<string, unknown>) =>
  Object.fromEntries(TYPES.map((t) => [t, s[`current_${t}_validation_code`]]));

describe('InvoiceXpress dialect: sequences and their AT registration', skipUnlessFakeAt(), () => {
  let env: AtEnv;
  let a: AtAccount;
  let ix: IxClient;
  let firstId: number;
  let firstSerie: string;
  before(async () => {
    env = await startAtEnv();
    a = await env.account();
    ix = ixClient(env.t, a.apiKey);
  });
  after(async () => {
    await env?.close();
  });

  it("lists the account's series as sequences, not yet registered: N/D", async () => {
    const res = await ix.call('GET', 'sequences.json');
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.sequences.length, 1);
    const s = res.body.sequences[0];
    firstId = s.id;
    firstSerie = s.serie;
    assert.equal(s.default_sequence, 1);
    assert.equal(s.current_invoice_number, 0);
    assert.equal(s.current_invoice_sequence_id, s.id, 'the per-type sequence id is what sequence_id takes');
    assert.deepEqual(new Set(Object.values(codes(s))), new Set(['N/D']));
    assert.deepEqual(res.body.pagination, { current_page: 1, total_pages: 1, total_entries: 1, per_page: 30 });
  });

  it('POST creates the sequence and registers every document type with AT; default_sequence moves the default', async () => {
    const res = await ix.call('POST', 'sequences.json', { sequence: { serie: '2031', default_sequence: '1' } });
    assert.equal(res.status, 201, res.text);
    const s = res.body.sequence;
    assert.equal(s.serie, '2031');
    assert.equal(s.default_sequence, 1);
    const byType = codes(s);
    for (const [type, code] of Object.entries(byType)) assert.match(String(code), /^[A-Z0-9]{8,}$/, type);
    assert.equal(byType.vat_moss_invoice, byType.invoice, 'VAT MOSS invoices are FT here');
    const atSide = env.fake.series.filter((x) => x.nif === a.nif && x.serie === '2031');
    assert.deepEqual(atSide.map((x) => x.tipoDoc).sort(), [
      'FR',
      'FS',
      'FT',
      'GD',
      'GR',
      'GT',
      'NC',
      'ND',
      'NE',
      'OR',
      'PF',
      'RC',
    ]);
    assert.equal(atSide.find((x) => x.tipoDoc === 'FT')!.codValidacaoSerie, byType.invoice);

    const list = await ix.call('GET', 'sequences.json');
    assert.deepEqual(
      list.body.sequences.map((x: { serie: string; default_sequence: number }) => [x.serie, x.default_sequence]),
      [
        [firstSerie, 0],
        ['2031', 1],
      ],
    );

    // Documents now number in it, with the ATCUD made of its code; the sequence counts them.
    const doc = await a.call('POST', '/v1/documents', invoice({ finalize: true }));
    assert.equal(doc.status, 201, JSON.stringify(doc.body));
    assert.equal(doc.body.atcud, `${byType.invoice}-1`);
    const got = await ix.call('GET', `sequences/${s.id}.json`);
    assert.equal(got.body.sequence.current_invoice_number, 1);
    assert.equal(got.body.sequence.current_credit_note_number, 0);
    const xml = await ix.call('GET', `sequences/${s.id}.xml`);
    assert.match(
      xml.text,
      new RegExp(
        `<sequence><id>${s.id}</id><serie>2031</serie><default_sequence>1</default_sequence><current_invoice_number>1</current_invoice_number>`,
      ),
    );
  });

  it('PUT register registers an existing series; set_current makes it the default again', async () => {
    const reg = await ix.call('PUT', `sequences/${firstId}/register.json`);
    assert.equal(reg.status, 200, reg.text);
    const byType = codes(reg.body.sequence);
    for (const [type, code] of Object.entries(byType)) assert.match(String(code), /^[A-Z0-9]{8,}$/, type);
    const again = await ix.call('PUT', `sequences/${firstId}/register.json`);
    assert.equal(again.status, 200, 'registering a registered sequence changes nothing');
    assert.deepEqual(codes(again.body.sequence), byType);

    const cur = await ix.call('PUT', `sequences/${firstId}/set_current.json`);
    assert.equal(cur.status, 200, cur.text);
    const list = await ix.call('GET', 'sequences.json');
    assert.deepEqual(
      list.body.sequences.map((x: { id: number; default_sequence: number }) => [x.id, x.default_sequence]),
      [
        [firstId, 1],
        [list.body.sequences[1].id, 0],
      ],
    );
  });

  it('refuses a bad or taken serie with 422, and when AT refuses leaves no sequence behind', async () => {
    const blank = await ix.call('POST', 'sequences.json', { sequence: { serie: '' } });
    assert.deepEqual(blank.body, { errors: [{ error: "Serie can't be blank" }] });
    const slash = await ix.call('POST', 'sequences.json', { sequence: { serie: 'A/B' } });
    assert.equal(slash.status, 422);
    assert.match(slash.body.errors[0].error, /^Serie may only contain letters, digits/);
    const taken = await ix.call('POST', 'sequences.json', { sequence: { serie: '2031' } });
    assert.deepEqual(taken.body, { errors: [{ error: 'Serie has already been taken' }] });

    env.fake.failNext({ code: 4001, message: 'Série inválida' });
    const refused = await ix.call('POST', 'sequences.json', { sequence: { serie: 'REFUSED1' } });
    assert.equal(refused.status, 422, refused.text);
    assert.match(refused.body.errors[0].error, /AT refused/);
    const list = await ix.call('GET', 'sequences.json');
    assert.ok(!list.body.sequences.some((x: { serie: string }) => x.serie === 'REFUSED1'));
  });

  it('without AT credentials: a production account gets 422 and nothing; a sandbox account gets the sequence with N/D codes', async () => {
    const prod = ixClient(env.t, (await env.t.newAccount({ sandbox: false, taxId: '503340855' })).apiKey);
    const res = await prod.call('POST', 'sequences.json', { sequence: { serie: 'P1' } });
    assert.equal(res.status, 422);
    assert.match(res.body.errors[0].error, /^AT credentials are required/);
    assert.equal((await prod.call('GET', 'sequences.json')).body.sequences.length, 1);

    const sandbox = ixClient(env.t, (await env.t.newAccount({ sandbox: true })).apiKey);
    const sb = await sandbox.call(
      'POST',
      'sequences.xml',
      '<sequence><serie>S1</serie><default_sequence>1</default_sequence></sequence>',
      { xml: true },
    );
    assert.equal(sb.status, 201, sb.text);
    assert.match(sb.text, /<serie>S1<\/serie><default_sequence>1<\/default_sequence>/);
    assert.match(sb.text, /<current_invoice_validation_code>N\/D<\/current_invoice_validation_code>/);
    const id = /<id>(\d+)<\/id>/.exec(sb.text)![1];
    const reg = await sandbox.call('PUT', `sequences/${id}/register.json`);
    assert.equal(reg.status, 422);
    assert.match(reg.body.errors[0].error, /^AT credentials are required/);
  });

  it("another account's sequence is unknown: 404 on get, register and set_current", async () => {
    const other = ixClient(env.t, (await env.t.newAccount()).apiKey);
    assert.equal((await other.call('GET', `sequences/${firstId}.json`)).status, 404);
    assert.equal((await other.call('PUT', `sequences/${firstId}/set_current.json`)).status, 404);
    assert.equal((await other.call('PUT', `sequences/${firstId}/register.json`)).status, 404);
    assert.equal((await ix.call('GET', 'sequences/999999.json')).status, 404);
  });

  it("shows the caller's account: AT configured for this one, a sandbox reads as a trial; other ids are unknown", async () => {
    const list = await ix.call('GET', 'users/accounts.json');
    assert.equal(list.status, 200, list.text);
    assert.equal(list.body.accounts.length, 1);
    const acc = list.body.accounts[0];
    assert.deepEqual(
      {
        id: acc.id,
        fiscal_id: acc.fiscal_id,
        country: acc.country,
        at_configured: acc.at_configured,
        trial: acc.trial,
      },
      { id: a.accountId, fiscal_id: a.nif, country: 'Portugal', at_configured: true, trial: false },
    );
    const got = await ix.call('GET', `api/accounts/${a.accountId}/get.json`);
    assert.deepEqual(got.body.account, acc);
    const sandbox = await env.t.newAccount({ sandbox: true });
    const sb = await ixClient(env.t, sandbox.apiKey).call('GET', `users/accounts/${sandbox.accountId}.json`);
    assert.equal(sb.body.account.trial, true);
    assert.equal(sb.body.account.at_configured, false);
    assert.equal((await ix.call('GET', `api/accounts/${sandbox.accountId}/get.json`)).status, 404);
  });
});
