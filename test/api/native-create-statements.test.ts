import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../support/app.js';
import { statementRecorder } from '../support/statement-recorder.js';

// The statements one create-and-finalize sends to the database through the native API, counted where they leave
// for the server (the driver), transaction control included: each is a round trip on the request's path.
let t: TestApp;
const recorder = statementRecorder();

before(async () => {
  recorder.install();
  t = await startTestApp();
});
after(async () => {
  recorder.uninstall();
  await t?.close();
});

const invoice = {
  type: 'FR',
  finalize: true,
  customer: { name: 'Cliente', taxId: '123456789' },
  lines: [
    { description: 'Consultoria', quantity: '2', unitPrice: '45.50', taxName: 'IVA23', productType: 'S' },
    { description: 'Material', quantity: '3', unitPrice: '12.3456', taxName: 'IVA13', discounts: ['5'] },
  ],
};

const statementsOf = (body: unknown) =>
  recorder.during(async () => {
    const r = await t.call('POST', '/v1/documents', body);
    assert.equal(r.status, 201, JSON.stringify(r.body));
    assert.equal(r.body.status, 'final');
  });

const label = (s: string) =>
  /from "api_keys"/.test(s)
    ? 'key'
    : /from "contacts"/.test(s)
      ? 'customer'
      : /^INSERT INTO series_doc_types/.test(s) || /^WITH c AS \( INSERT INTO series_doc_types/.test(s)
        ? 'issue'
        : /UPDATE documents SET status = 'final'/.test(s)
          ? /INSERT INTO jobs/.test(s)
            ? 'number+outbox'
            : 'number'
          : /INSERT INTO jobs/.test(s)
            ? 'outbox'
            : /^(begin|commit)$/.test(s)
              ? s
              : s.slice(0, 80);

test('a create-and-finalize of a known customer is 6 round trips: key, customer, begin, issue, number with its outbox jobs, commit', async () => {
  await statementsOf(invoice); // creates the customer (inside the transaction) and warms the configuration cache
  const sent = await statementsOf(invoice);
  assert.deepEqual(sent.map(label), ['key', 'customer', 'begin', 'issue', 'number+outbox', 'commit']);
});

test('a cancel reads the account’s regime with the document it locks: no statement of its own for accounts.country', async () => {
  const doc = await t.call('POST', '/v1/documents', invoice);
  assert.equal(doc.status, 201);
  const sent = await recorder.during(async () => {
    const r = await t.call('POST', `/v1/documents/${doc.body.id}/cancel`, { reason: 'Erro no preço' });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.status, 'cancelled');
  });
  const own = sent.filter((s) => /^select "country" from "accounts"/i.test(s));
  assert.deepEqual(own, [], 'the country comes with the document row');
  const locked = sent.find((s) => /from "documents"/.test(s) && / for update$/i.test(s));
  assert.match(locked ?? '', /from "accounts"/, 'the document row and its account’s country in one statement');
});

test('the AT settings update and its answer read the account’s regime with what they read anyway', async () => {
  const sent = await recorder.during(async () => {
    const r = await t.call('PUT', '/v1/at/settings', { transportEnabled: false });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.transportEnabled, false);
  });
  assert.deepEqual(
    sent.filter((s) => /^select "country" from "accounts"/i.test(s)),
    [],
    'no statement of its own for accounts.country',
  );
  const accountReads = sent.filter((s) => /^select .* from "accounts"/i.test(s));
  assert.equal(accountReads.length, 2, JSON.stringify(accountReads)); // the update's (NIF, sandbox) and the answer's
  for (const read of accountReads) assert.match(read, /"country"/);
  assert.match(accountReads[1], /left join "at_settings"/);
});
