import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { startTestApp, type TestApp } from '../support/app.js';
import { statementRecorder } from '../support/statement-recorder.js';
import { ixClient, type IxClient } from './client.js';

// The statements an InvoiceXpress create sends, counted where they leave for the server (the driver). Every
// InvoiceXpress line writes its item (items are keyed by name and take the values sent), so the core's read-only
// prepare could never finish: the create must read its customer and items once, in its transaction.
let t: TestApp;
let ix: IxClient;
const recorder = statementRecorder();

before(async () => {
  recorder.install();
  t = await startTestApp();
  ix = ixClient(t, t.account.apiKey);
});
after(async () => {
  recorder.uninstall();
  await t?.close();
});

const body = (extra: Record<string, unknown> = {}) => ({
  invoice: {
    date: '03/12/2025',
    due_date: '19/12/2025',
    client: { name: 'John', code: 'JOHN-1', country: 'Portugal' },
    items: [{ name: 'Large', description: 'foo', unit_price: '24.3902', quantity: '1', tax: { name: 'IVA23' } }],
    ...extra,
  },
});

const statementsOf = (b: unknown) =>
  recorder.during(async () => {
    const r = await ix.call('POST', 'invoices.json', b);
    assert.equal(r.status, 201, r.text);
  });

/** The reads of the core's prepare (customer, items), before and inside the transaction. */
function prepareReads(sent: string[]) {
  const begin = sent.indexOf('begin');
  assert.ok(begin > 0, sent.join('\n'));
  const reads = (part: string[]) => ({
    customer: part.filter((s) => /^select \* from "contacts"/.test(s)).length,
    items: part.filter((s) => /^select \* from "items" where "account_id" = \$1 and "code"/.test(s)).length,
    config: part.filter((s) => /^select \* from "(accounts|stores|series)"/.test(s)).length,
  });
  return { before: reads(sent.slice(0, begin)), inside: reads(sent.slice(begin)) };
}

test('an InvoiceXpress create reads its customer and items once, in its transaction, and its configuration before it', async () => {
  await statementsOf(body()); // creates the client and the item, and caches the configuration
  assert.deepEqual(prepareReads(await statementsOf(body())), {
    before: { customer: 0, items: 0, config: 0 },
    inside: { customer: 1, items: 2, config: 0 },
  });
});

test('the same with a proprietary_uid (prepared once claimed)', async () => {
  assert.deepEqual(prepareReads(await statementsOf(body({ proprietary_uid: 'create-statements-1' }))), {
    before: { customer: 0, items: 0, config: 0 },
    inside: { customer: 1, items: 2, config: 0 },
  });
});

test('a fresh configuration version is read (and cached) before the transaction', async () => {
  await t.db.database.db
    .updateTable('accounts')
    .set({ config_version: sql`gen_random_uuid()` })
    .where('id', '=', t.account.accountId)
    .execute();
  const first = prepareReads(await statementsOf(body()));
  assert.deepEqual([first.before.config > 0, first.inside.config], [true, 0]);
  assert.equal(prepareReads(await statementsOf(body())).before.config, 0);
});
