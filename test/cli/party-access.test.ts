import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cliEnv } from '../support/cli-env.js';
import { startServerProcess } from '../support/server-process.js';

// `faturador account grant-access / list-access / revoke-access` while a server runs (on PGlite the CLI reaches it
// through its admin socket; on PostgreSQL it opens the database itself): the accountant's key then acts for the
// client company through Billit's PartyID / ContextPartyID, and no longer once revoked.
const env = cliEnv('faturador-cli-party-');
const cli = env.cli;

function json<T>(r: { code: number | null; out: string; err: string }): T {
  assert.equal(r.code, 0, r.err);
  return JSON.parse(r.out) as T;
}

function createAccount(name: string, email: string) {
  return json<{ accountId: number; apiKey: string }>(
    cli('account', 'create', '--name', name, '--tax-id', '0412.345.614', '--country', 'BE', '--email', email),
  );
}

const order = {
  OrderType: 'Invoice',
  Customer: { Name: 'Klant BV', VATNumber: 'BE0202239951', City: 'Antwerpen', CountryCode: 'BE' },
  OrderLines: [{ Quantity: 1, UnitPriceExcl: 100, Description: 'Work', VATPercentage: 21 }],
};

test(
  'grant-access lets an accountant key reach a client party; revoke-access ends it at once',
  { timeout: 300_000 },
  async () => {
    const accountant = createAccount('Boekhouder BV', 'accountant@example.com');
    const client = createAccount('Client Company BV', 'client@example.com');
    const server = await startServerProcess(env.vars);
    try {
      const asClient = {
        ApiKey: accountant.apiKey,
        PartyID: String(client.accountId),
        ContextPartyID: String(accountant.accountId),
      };
      const call = (method: string, path: string, body?: unknown) =>
        fetch(`${server.url}/billit/v1${path}`, {
          method,
          headers: { ...asClient, ...(body ? { 'content-type': 'application/json' } : {}) },
          body: body ? JSON.stringify(body) : undefined,
        });
      assert.equal((await call('GET', '/orders')).status, 401, 'not delegated yet');

      const args = ['--account', String(accountant.accountId), '--party', String(client.accountId)];
      assert.deepEqual(json(cli('account', 'grant-access', ...args)), {
        accountId: accountant.accountId,
        partyId: client.accountId,
        granted: true,
      });
      const listed = json<{ partyAccountId: number; legalName: string }[]>(
        cli('account', 'list-access', '--account', String(accountant.accountId)),
      );
      assert.deepEqual(
        listed.map((l) => [l.partyAccountId, l.legalName]),
        [[client.accountId, 'Client Company BV']],
      );

      const made = await call('POST', '/orders', order);
      assert.equal(made.status, 200, await made.clone().text());
      const orderId = Number(await made.text());
      const seen = await call('GET', `/orders/${orderId}`);
      assert.equal(seen.status, 200);
      assert.equal(((await seen.json()) as { CompanyID: number }).CompanyID, client.accountId);
      const list = await call('GET', '/orders');
      assert.equal(list.status, 200);
      const items = ((await list.json()) as { Items: { OrderID: number }[] }).Items;
      assert.deepEqual(
        items.map((i) => i.OrderID),
        [orderId],
      );

      assert.equal(json<{ revoked: boolean }>(cli('account', 'revoke-access', ...args)).revoked, true);
      assert.equal((await call('GET', `/orders/${orderId}`)).status, 401, 'revoked at once');
      assert.equal((await call('GET', '/orders')).status, 401);
      assert.deepEqual(json(cli('account', 'list-access', '--account', String(accountant.accountId))), []);
      const again = cli('account', 'revoke-access', ...args);
      assert.equal(again.code, 1, 'nothing left to revoke');
      assert.match(again.err, /no access/);
      const unknown = cli('account', 'grant-access', '--account', String(accountant.accountId), '--party', '999999');
      assert.equal(unknown.code, 1);
      assert.match(unknown.err, /999999/);
    } finally {
      await server.stop();
    }
  },
);
