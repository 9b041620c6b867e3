import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { accountConfig } from '../../src/app/accounts/account-config.js';
import { finalizeDocument } from '../../src/app/documents/finalize-document.js';
import { startTestApp, type TestApp } from '../support/app.js';

// Issuing reads the account's configuration from a process cache keyed by accounts.config_version, which
// triggers replace on every change. These tests change it through the API and behind the API's back (direct SQL,
// as another process would) and check that the very next request sees the change.

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(async () => {
  await t?.close();
});

const version = async (accountId = t.account.accountId) =>
  (
    await sql<{ v: string }>`SELECT config_version::text AS v FROM accounts WHERE id = ${accountId}`.execute(
      t.db.database.db,
    )
  ).rows[0].v;
const invoice = (extra: Record<string, unknown> = {}, line: Record<string, unknown> = {}) =>
  t.call('POST', '/v1/documents', {
    type: 'FT',
    finalize: true,
    customer: { name: 'Cliente Cache', taxId: '123456789' },
    lines: [{ description: 'Serviço', quantity: '1', unitPrice: '100', taxName: 'IVA23', ...line }],
    ...extra,
  });

test("every write to a cached table replaces the version, in the writer's transaction; reads and documents do not", async () => {
  const db = t.db.database.db;
  const id = t.account.accountId;
  const seen = new Set([await version()]);
  const changes = [
    sql`UPDATE accounts SET trade_name = 'Outra' WHERE id = ${id}`,
    sql`INSERT INTO units (account_id, symbol, name) VALUES (${id}, 'cx', 'Caixa')`,
    sql`UPDATE taxes SET name = name WHERE account_id = ${id} AND name = 'IVA23'`,
    sql`UPDATE stores SET name = 'Loja Norte' WHERE account_id = ${id}`,
    sql`UPDATE series SET vat_included = vat_included WHERE account_id = ${id}`,
    sql`UPDATE signing_keys SET active = active WHERE account_id = ${id}`,
    sql`DELETE FROM units WHERE account_id = ${id} AND symbol = 'cx'`,
  ];
  for (const change of changes) {
    await change.execute(db);
    const v = await version();
    assert.ok(!seen.has(v), `a new version after: ${change.compile(db).sql}`);
    seen.add(v);
  }
  const before = await version();
  assert.equal((await invoice()).status, 201);
  await t.call('GET', '/v1/taxes');
  assert.equal(await version(), before, 'issuing a document and reading leave the version alone');

  // A change rolled back leaves the version as it was.
  await db
    .transaction()
    .execute(async (tx) => {
      await sql`UPDATE taxes SET name = 'x' WHERE account_id = ${id} AND name = 'IVA23'`.execute(tx);
      throw new Error('rollback');
    })
    .catch(() => undefined);
  assert.equal(await version(), before);
});

test('a change made behind the API (another process, direct SQL) is seen by the next request', async () => {
  const db = t.db.database.db;
  const id = t.account.accountId;
  const first = await invoice();
  assert.equal(first.status, 201);
  assert.equal(first.body.lines[0].tax.rate, '23');

  await sql`UPDATE taxes SET rate = 22 WHERE account_id = ${id} AND name = 'IVA23'`.execute(db);
  const second = await invoice();
  assert.equal(second.status, 201, JSON.stringify(second.body));
  assert.equal(second.body.lines[0].tax.rate, '22', 'the new rate, not the cached one');
  await sql`UPDATE taxes SET rate = 23 WHERE account_id = ${id} AND name = 'IVA23'`.execute(db);

  await sql`UPDATE accounts SET legal_name = 'Renomeada, Lda' WHERE id = ${id}`.execute(db);
  const third = await invoice();
  assert.equal(third.body.seller.legalName, 'Renomeada, Lda', 'the seller snapshot reads the renamed account');
});

test('series, stores and taxes created or changed through the API are used by the next document', async () => {
  const series = await t.call('POST', '/v1/series', { code: 'CACHE', description: 'Série da cache' });
  assert.equal(series.status, 201);
  const onNew = await invoice({ seriesId: series.body.id });
  assert.equal(onNew.status, 201, JSON.stringify(onNew.body));
  assert.match(onNew.body.number, /^FT CACHE\/1$/);

  const store = await t.call('POST', '/v1/stores', { name: 'Loja Cache', defaultSeriesId: series.body.id });
  assert.equal(store.status, 201, JSON.stringify(store.body));
  const inStore = await invoice({ storeId: store.body.id });
  assert.match(inStore.body.number, /^FT CACHE\/2$/, "the new store's default series");

  const tax = await t.call('POST', '/v1/taxes', { name: 'IVA-CACHE', rate: '5', region: 'PT', code: 'RED' });
  assert.equal(tax.status, 201, JSON.stringify(tax.body));
  const withTax = await invoice({}, { taxName: 'IVA-CACHE' });
  assert.equal(withTax.body.lines[0].tax.rate, '5');

  const closed = await t.call('PATCH', `/v1/series/${series.body.id}`, { status: 'finalized' });
  assert.equal(closed.status, 200, JSON.stringify(closed.body));
  const refused = await invoice({ seriesId: series.body.id });
  assert.equal(refused.status, 422, JSON.stringify(refused.body));
  assert.equal(refused.body.error.code, 'series_inactive');
});

test("finalizing with a configuration from before the draft's series existed reads that series from the transaction", async () => {
  const db = t.db.database.db;
  const ctx = { accountId: t.account.accountId, userId: null, now: new Date(), configVersion: await version() };
  const before = await accountConfig(db, ctx); // cached under the version a slow request authenticated with
  const series = await t.call('POST', '/v1/series', { code: 'TARDIA', description: 'Criada depois' });
  assert.ok(!before.series.some((s) => s.id === series.body.id));
  const draft = await t.call('POST', '/v1/documents', {
    type: 'FT',
    seriesId: series.body.id,
    customer: { name: 'Cliente Cache', taxId: '123456789' },
    lines: [{ description: 'Serviço', quantity: '1', unitPrice: '100', taxName: 'IVA23' }],
  });
  assert.equal(draft.status, 201, JSON.stringify(draft.body));
  await db.transaction().execute((tx) => finalizeDocument(tx, ctx, draft.body.id));
  const done = await t.call('GET', `/v1/documents/${draft.body.id}`);
  assert.equal(done.body.number, 'FT TARDIA/1');
});
