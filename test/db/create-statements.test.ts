import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { KyselyPlugin } from 'kysely';
import { createAccount } from '../../src/app/accounts/create-account.js';
import { createDocument } from '../../src/app/documents/create-document.js';
import type { LineInput } from '../../src/app/documents/document-input.js';
import { createItem } from '../../src/app/items/create-item.js';
import { freshDatabase, type TestDatabase } from '../support/db.js';

// A create reads its references in batches: the statements it runs do not grow with its lines.
let t: TestDatabase;
let accountId: number;
const itemIds: number[] = [];
before(async () => {
  t = await freshDatabase();
  accountId = (
    await t.database.db.transaction().execute((tx) =>
      createAccount(tx, new Date(), {
        legalName: 'Contagem, Lda',
        taxId: '503340855',
        sandbox: true,
        street: 'Rua A, 1',
        postalCode: '1000-001',
        city: 'Lisboa',
        owner: { email: 'count@example.com' },
      }),
    )
  ).accountId;
  for (let i = 0; i < 10; i++)
    itemIds.push(
      (await createItem(t.database.db, accountId, { code: `I${i}`, description: `Item ${i}`, price: '10' }, 'x')).id,
    );
});
after(() => t.drop());

async function statementsOf(lines: LineInput[], finalize: boolean): Promise<{ statements: number; id: number }> {
  let statements = 0;
  const counter: KyselyPlugin = {
    transformQuery: (args) => {
      statements += 1;
      return args.node;
    },
    transformResult: async (args) => args.result,
  };
  const id = await t.database.db
    .withPlugin(counter)
    .transaction()
    .execute((tx) =>
      createDocument(
        tx,
        { accountId, userId: null, now: new Date() },
        { type: 'FT', lines, finalize, contactId: null },
      ),
    );
  return { statements, id };
}

test('a create and a create-and-finalize run as many statements for 10 lines as for 1', async () => {
  for (const finalize of [false, true]) {
    const one = await statementsOf([{ itemId: itemIds[0], quantity: 1 }], finalize);
    const ten = await statementsOf(
      itemIds.map((itemId) => ({ itemId, quantity: 1 })),
      finalize,
    );
    assert.equal(ten.statements, one.statements, `finalize=${finalize}`);
    const inline = await statementsOf(
      itemIds.map((_, i) => ({ item: { code: `I${i}`, description: `Item ${i}` }, quantity: 1 })),
      finalize,
    );
    assert.equal(inline.statements, one.statements, `inline items, finalize=${finalize}`);
  }
});

test('a line that names an item an earlier line of the same request created gets that item', async () => {
  const { id } = await statementsOf(
    [
      { item: { code: 'NEW1', description: 'New one', price: '5' }, quantity: 1 },
      { item: { code: 'NEW1' }, quantity: 2 },
      { item: { description: 'New one' }, quantity: 3 },
    ],
    true,
  );
  const lines = await t.database.db
    .selectFrom('document_lines')
    .select(['item_id', 'quantity'])
    .where('document_id', '=', id)
    .orderBy('position')
    .execute();
  const items = await t.database.db.selectFrom('items').select('id').where('code', '=', 'NEW1').execute();
  assert.equal(items.length, 1);
  assert.deepEqual(
    lines.map((l) => l.item_id),
    [items[0].id, items[0].id, items[0].id],
  );
});
