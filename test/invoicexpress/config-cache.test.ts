import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { accountConfig } from '../../src/app/accounts/account-config.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { type IxClient, ixClient } from './client.js';

// Every API's request context carries the account's configuration version read with its key, so issuing reads the
// configuration from the process cache while it is current. The InvoiceXpress context used to lack it: its requests
// then read the whole configuration from the database every time.

let t: TestApp;
let ix: IxClient;
before(async () => {
  t = await startTestApp();
  ix = ixClient(t, t.account.apiKey);
});
after(async () => {
  await t?.close();
});

test('an InvoiceXpress request reads the account configuration from the process cache of its version', async () => {
  const db = t.db.database.db;
  const id = t.account.accountId;
  const { rows } = await sql<{ v: string }>`SELECT config_version::text AS v FROM accounts WHERE id = ${id}`.execute(
    db,
  );
  // The entry the cache holds for the account's current version; marked, so that an answer shows it was read.
  const cached = await accountConfig(db, { accountId: id, userId: null, now: new Date(), configVersion: rows[0].v });
  const vat = cached.taxes.find((x) => x.name === 'IVA23')!;
  const rate = vat.rate;
  vat.rate = '21' as typeof vat.rate;
  try {
    const res = await ix.call('POST', 'invoices.json', {
      invoice: {
        date: '03/12/2025',
        due_date: '19/12/2025',
        client: { name: 'Cliente Cache', code: 'CACHE-1' },
        items: [{ name: 'Serviço', unit_price: '100', quantity: '1', tax: { name: 'IVA23' } }],
      },
    });
    assert.equal(res.status, 201, res.text);
    assert.equal(res.body.invoice.items[0].tax.value, 21, 'the rate of the cached configuration');
  } finally {
    vat.rate = rate;
  }
});
