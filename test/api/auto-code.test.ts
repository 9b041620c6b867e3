import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { DB } from '../../src/infra/db/schema.js';
import { createAccount } from '../../src/app/accounts/create-account.js';
import { createContact } from '../../src/app/contacts/create-contact.js';
import { createItem } from '../../src/app/items/create-item.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { ixClient } from '../invoicexpress/client.js';
import { billitAccount } from '../billit/billit-app.js';
import { postFormAs, signInInject } from '../console/support.js';
import { upload } from '../imports/support.js';

// A contact or item created without a code gets its id as code, or, where another record of the account was given
// that code by hand, the id with the first free suffix (`7-2`, `7-3`…): the create succeeds on every API (bill.pt's
// in test/billpt/auto-code.test.ts).
let t: TestApp;
before(async () => {
  t = await startTestApp({ secretKey: 'c'.repeat(64) });
});
after(async () => {
  await t?.close();
});

type Table = 'contacts' | 'items';
let uniq = 0;

/**
 * The id the next record of `table` will have, with its code (and `more` suffixed codes) already given by hand to
 * records of the account of `key`; `skipped` ids drawn before it by work rolled back. Ids are the table's, across
 * accounts: the tests of this file run one at a time.
 */
async function takeNextId(table: Table, key = t.account.apiKey, more: string[] = [], skipped = 0): Promise<number> {
  const byHand = (code: string) =>
    t.call(
      'POST',
      `/v1/${table}`,
      table === 'contacts' ? { code, name: `À mão ${code}` } : { code, description: `À mão ${code}`, price: '1' },
      { key },
    );
  const first = await byHand(`HAND-${++uniq}`);
  assert.equal(first.status, 201, JSON.stringify(first.body));
  const next = first.body.id + 2 + more.length + skipped;
  for (const code of [String(next), ...more.map((m) => `${next}${m}`)]) {
    const r = await byHand(code);
    assert.equal(r.status, 201, JSON.stringify(r.body));
  }
  return next;
}

const row = (table: Table, id: number) =>
  t.db.database.db.selectFrom(table).select(['id', 'code']).where('id', '=', id).executeTakeFirstOrThrow();
const byName = (name: string) =>
  t.db.database.db.selectFrom('contacts').select(['id', 'code']).where('name', '=', name).execute();

test('native: a contact without a code whose id another contact has as code gets the first free suffix', async () => {
  const plain = await t.call('POST', '/v1/contacts', { name: 'Sem código' });
  assert.equal(plain.status, 201, JSON.stringify(plain.body));
  assert.equal(plain.body.code, String(plain.body.id), 'its id, where free');

  const next = await takeNextId('contacts');
  const r = await t.call('POST', '/v1/contacts', { name: 'Sem código 2' });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  assert.deepEqual([r.body.id, r.body.code], [next, `${next}-2`]);

  // Its id and the first suffixes taken: the first free suffix.
  const busy = await takeNextId('contacts', t.account.apiKey, ['-2', '-3']);
  const r2 = await t.call('POST', '/v1/contacts', { name: 'Sem código 3' });
  assert.equal(r2.status, 201, JSON.stringify(r2.body));
  assert.deepEqual([r2.body.id, r2.body.code], [busy, `${busy}-4`]);
});

test("native: a document's new inline customer without a code, and a bulk import's new customer", async () => {
  const next = await takeNextId('contacts');
  const doc = await t.call('POST', '/v1/documents', {
    type: 'FT',
    customer: { name: 'Cliente Inline Código', taxId: '286428954' },
    lines: [{ description: 'Serviço', quantity: '1', unitPrice: '10', taxName: 'IVA23' }],
  });
  assert.equal(doc.status, 201, JSON.stringify(doc.body));
  assert.deepEqual(await byName('Cliente Inline Código'), [{ id: next, code: `${next}-2` }]);

  // The import's check creates the customer in a transaction it rolls back: one id drawn before the import's.
  const imported = await takeNextId('contacts', t.account.apiKey, [], 1);
  const csv =
    'Document,Type,Customer tax id,Customer name,Description,Quantity,Unit price,Tax rate %\n' +
    'I1,FT,213547236,Cliente Importado Código,Serviço,1,10,23\n';
  const created = await upload(t, { name: 'auto-code.csv', bytes: csv });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  await t.worker.drain();
  const done = await t.call('GET', `/v1/imports/${created.body.id}`);
  assert.equal(done.body.issued, 1, JSON.stringify(done.body));
  assert.deepEqual(await byName('Cliente Importado Código'), [{ id: imported, code: `${imported}-2` }]);
});

test('console: a new customer left without a code', async () => {
  const session = await signInInject(t);
  const next = await takeNextId('contacts');
  const res = await postFormAs(t, '/console/customers', { country: 'PT', name: 'Cliente Consola Código' }, session);
  assert.equal(res.statusCode, 303, res.body);
  assert.deepEqual(await byName('Cliente Consola Código'), [{ id: next, code: `${next}-2` }]);
});

test('InvoiceXpress: a client without a code', async () => {
  const ix = ixClient(t, t.account.apiKey);
  const next = await takeNextId('contacts');
  const res = await ix.call('POST', 'clients.json', { client: { name: 'Cliente IX Código', country: 'Portugal' } });
  assert.equal(res.status, 201, res.text);
  assert.deepEqual([res.body.client.id, res.body.client.code], [next, `${next}-2`]);
});

test('Billit: a party without Nr and a product without Reference', async () => {
  const { key, billit } = await billitAccount(t, 'auto-code');
  const party = await takeNextId('contacts', key);
  const p = await billit('POST', '/billit/v1/parties', { Name: 'Partij Code', PartyType: 'Customer' });
  assert.equal(p.status, 200, p.text);
  assert.deepEqual(await row('contacts', Number(p.text)), { id: party, code: `${party}-2` });

  const product = await takeNextId('items', key);
  const r = await billit('POST', '/billit/v1/products', {
    Description: 'Product zonder code',
    AmountExcl: 10,
    VAT: 21,
  });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(await row('items', Number(r.text)), { id: product, code: `${product}-2` });
  assert.equal((await billit('GET', `/billit/v1/products/${r.text}`)).json().Reference, `${product}-2`);
});

test("MagniFinance: a document's new Client", async () => {
  const email = `mf-auto-code-${Date.now()}@example.com`;
  const a = await t.db.database.db.transaction().execute((tx) =>
    createAccount(tx, new Date(), {
      legalName: 'Empresa MF Código, Lda',
      taxId: '503340855',
      street: 'Rua do Teste, 1',
      postalCode: '1000-001',
      city: 'Lisboa',
      owner: { email },
    }),
  );
  const next = await takeNextId('contacts', a.apiKey);
  const today = new Date().toISOString().slice(0, 10);
  const res = await t.app.inject({
    method: 'POST',
    url: '/magnifinance/api/v1.1/document',
    headers: { email, token: a.apiKey, 'content-type': 'application/json' },
    payload: JSON.stringify({
      Client: { Name: 'Cliente MF Código', NIF: '180975030', CountryCode: 'PT' },
      Document: {
        Type: 'I',
        Date: today,
        DueDate: today,
        Lines: [{ Code: 'MF-1', Description: 'Plano', UnitPrice: 10, Quantity: 1, Type: 'S', TaxValue: 23 }],
      },
      IsToClose: true,
    }),
  });
  assert.equal(res.statusCode, 200, res.body);
  assert.equal(res.json().IsSuccess, true, res.body);
  assert.deepEqual(await byName('Cliente MF Código'), [{ id: next, code: `${next}-2` }]);
});

test('50 concurrent creates without a code: all succeed, each with its id as code', async () => {
  const results = await Promise.all(
    Array.from({ length: 50 }, (_, i) =>
      i % 2
        ? t.call('POST', '/v1/contacts', { name: `Concorrente ${i}` })
        : t.app
            .inject({
              method: 'POST',
              url: '/billpt/api/1.0/items',
              payload: JSON.stringify({ descricao: `Concorrente ${i}`, api_token: t.account.apiKey }),
              headers: { 'content-type': 'application/json' },
            })
            .then((r) => ({ status: r.statusCode === 200 ? 201 : r.statusCode, body: r.json() })),
    ),
  );
  for (const r of results) assert.equal(r.status, 201, JSON.stringify(r.body));
  for (const r of results) assert.equal(String(r.body.code ?? r.body.codigo), String(r.body.id));
});

/**
 * A create without a code that meets, on its id's code, a transaction giving that code by hand: it waits for that
 * transaction and takes the next free code if it commits, its id if it rolls back. On PGlite (one connection) the
 * two run one after the other.
 */
for (const table of ['contacts', 'items'] as const)
  for (const outcome of ['commits', 'rolls back'] as const)
    test(`${table}: a create without a code while another transaction gives its id's code by hand, which ${outcome}`, async () => {
      const accountId = t.account.accountId;
      const a = t.db.database.db;
      const handValues = (code: string) =>
        table === 'contacts' ? { code, name: `Corrida ${code}` } : { code, description: `Corrida ${code}`, price: '1' };
      const auto = async (tx: Kysely<DB>): Promise<{ id: number; code: string }> =>
        table === 'contacts'
          ? createContact(tx, accountId, { name: `Corrida auto ${outcome}` })
          : createItem(tx, accountId, { description: `Corrida auto ${outcome}`, price: '1' }, '', { autoCode: true });
      const byHand = async (tx: Kysely<DB>) => {
        // Its own id is drawn first: the create without a code draws the next one.
        const own =
          table === 'contacts'
            ? await createContact(tx, accountId, handValues(`RACE-${++uniq}`))
            : await createItem(tx, accountId, handValues(`RACE-${++uniq}`));
        const code = String(own.id + 1);
        await tx.updateTable(table).set({ code }).where('id', '=', own.id).execute();
        return own.id + 1;
      };
      const rollback = new Error('rolled back on purpose');
      let expectedId: number;
      let made: { id: number; code: string };
      if (!t.db.url) {
        await a
          .transaction()
          .execute(async (tx) => {
            expectedId = await byHand(tx);
            if (outcome === 'rolls back') throw rollback;
          })
          .catch((e) => assert.equal(e, rollback));
        made = await a.transaction().execute((tx) => auto(tx));
      } else {
        const b = new Kysely<DB>({
          dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: t.db.url, max: 1 }) }),
        });
        try {
          let release!: () => void;
          const gate = new Promise<void>((r) => (release = r));
          let given!: () => void;
          const codeGiven = new Promise<void>((r) => (given = r));
          const first = a
            .transaction()
            .execute(async (tx) => {
              expectedId = await byHand(tx);
              given();
              await gate; // held open until the create without a code waits on the unique index
              if (outcome === 'rolls back') throw rollback;
            })
            .catch((e) => assert.equal(e, rollback));
          await codeGiven;
          const second = b.transaction().execute((tx) => auto(tx));
          for (;;) {
            const waiting = await sql<{ n: number }>`
              SELECT count(*)::int AS n FROM pg_stat_activity
              WHERE datname = current_database() AND wait_event_type = 'Lock'`.execute(a);
            if (waiting.rows[0].n > 0) break;
            await new Promise((r) => setImmediate(r));
          }
          release();
          await first;
          made = await second;
        } finally {
          await b.destroy();
        }
      }
      assert.equal(Number(made.id), expectedId!); // the second pool has no int8 parser: a string there
      assert.equal(made.code, outcome === 'commits' ? `${expectedId!}-2` : String(expectedId!));
    });
