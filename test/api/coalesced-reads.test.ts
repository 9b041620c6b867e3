import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { startTestApp, type TestAccount, type TestApp } from '../support/app.js';
import { statementRecorder } from '../support/statement-recorder.js';

// Concurrent requests' API-key and customer lookups share statements (src/infra/db/coalesced-reads.ts): each
// request must still get its own account, its own customer, and a revoked key its 401.
let t: TestApp;
const recorder = statementRecorder();
const accounts: (TestAccount & { contactId: number })[] = [];
let revoked: TestAccount;

before(async () => {
  recorder.install();
  t = await startTestApp();
  for (const a of [t.account, await t.newAccount(), await t.newAccount()]) {
    // The same tax id in every account: a shared statement must hand each request its own account's contact.
    const c = await t.call(
      'POST',
      '/v1/contacts',
      { name: `Cliente ${a.accountId}`, taxId: '123456789' },
      { key: a.apiKey },
    );
    assert.equal(c.status, 201, JSON.stringify(c.body));
    accounts.push({ ...a, contactId: c.body.id });
  }
  revoked = await t.newAccount();
  await sql`UPDATE api_keys SET revoked_at = now() WHERE account_id = ${revoked.accountId}`.execute(t.db.database.db);
});
after(async () => {
  recorder.uninstall();
  await t?.close();
});

const invoice = (customer: object) => ({
  type: 'FR',
  finalize: true,
  customer,
  lines: [{ description: 'Serviço', quantity: '1', unitPrice: '10', taxName: 'IVA23', productType: 'S' }],
});

test('a burst of creates from three accounts and a revoked key: each its own account and customer, shared lookups', async () => {
  const requests: {
    a: (typeof accounts)[number] | undefined;
    call: () => ReturnType<TestApp['call']>;
  }[] = [];
  for (let i = 0; i < 12; i++)
    for (const a of accounts) {
      const customer = i % 2 ? { taxId: '123456789', name: 'Cliente' } : { id: a.contactId };
      requests.push({ a, call: () => t.call('POST', '/v1/documents', invoice(customer), { key: a.apiKey }) });
    }
  for (let i = 0; i < 6; i++)
    requests.push({ a: undefined, call: () => t.call('GET', '/v1/taxes', undefined, { key: revoked.apiKey }) });
  // A customer id beyond PostgreSQL's bigint fails its own lookup only (its key is read again alone).
  const outOfRange = requests.length;
  requests.push({
    a: undefined,
    call: () => t.call('POST', '/v1/documents', invoice({ id: 1e20 }), { key: accounts[1].apiKey }),
  });

  let answers: Awaited<ReturnType<TestApp['call']>>[] = [];
  const sent = await recorder.during(async () => {
    answers = await Promise.all(requests.map((r) => r.call()));
  });

  for (const [i, r] of answers.entries()) {
    const a = requests[i].a;
    if (i === outOfRange) {
      assert.ok(r.status >= 400 && r.status < 500, `${r.status} ${JSON.stringify(r.body)}`);
      continue;
    }
    if (!a) {
      assert.equal(r.status, 401, JSON.stringify(r.body));
      continue;
    }
    assert.equal(r.status, 201, JSON.stringify(r.body));
    assert.equal(r.body.contactId, a.contactId, 'the customer of its own account');
  }
  const owners = await sql<{ account_id: number; contact_id: number; n: string }>`
    SELECT account_id, contact_id, count(*)::int AS n FROM documents WHERE status = 'final'
    GROUP BY account_id, contact_id ORDER BY account_id`.execute(t.db.database.db);
  assert.deepEqual(
    owners.rows.map((r) => [r.account_id, r.contact_id, Number(r.n)]),
    accounts.map((a) => [a.accountId, a.contactId, 12]),
  );
  const keyReads = sent.filter((s) => /from "api_keys"/.test(s)).length;
  const customerReads = sent.filter((s) => /from "contacts"/.test(s)).length;
  // 43 requests arriving at once: their key lookups go at most 2 at a time, the others together after them.
  assert.ok(keyReads <= 21, `${keyReads} key lookups for 43 requests`);
  // The customer lookups come later and staggered (each after its key and body), so fewer merge; on PGlite
  // in-process a statement is answered within the same turn of the event loop, so a lookup is seldom still in
  // flight when the next one comes.
  if (t.db.database.kind === 'postgres')
    assert.ok(customerReads < 37, `${customerReads} customer lookups for 37 creates`);
  else assert.ok(customerReads <= 37, `${customerReads} customer lookups for 37 creates`);
});
