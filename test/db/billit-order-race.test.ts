import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { DB } from '../../src/infra/db/schema.js';
import { freshDatabase, type TestDatabase } from '../support/db.js';
import { recordCostOrder } from '../../src/app/billit/record-cost-order.js';

let t: TestDatabase;
let accountId: number;
before(async () => {
  t = await freshDatabase();
  const row = await t.database.db
    .insertInto('accounts')
    .values({ legal_name: 'Race Lda', tax_id: '501964843', country: 'PT', email: 'race@example.test' })
    .returning('id')
    .executeTakeFirstOrThrow();
  accountId = Number(row.id);
});
after(async () => {
  await t?.drop();
});

const order = (orderId: number) => ({ orderId, purchaseDocumentId: 4242, orderType: 'Invoice', attachmentFileIds: [] });

test('two first records of the same purchase at once leave one Cost order, no 23505', async () => {
  const a = t.database.db;
  if (!t.url) {
    // PGlite has one connection: the two records run one after the other.
    await a.transaction().execute((tx) => recordCostOrder(tx, accountId, order(9001)));
    await a.transaction().execute((tx) => recordCostOrder(tx, accountId, order(9002)));
  } else {
    const b = new Kysely<DB>({
      dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: t.url, max: 1 }) }),
    });
    try {
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      let firstInserted!: () => void;
      const inserted = new Promise<void>((r) => (firstInserted = r));
      const first = a.transaction().execute(async (tx) => {
        await recordCostOrder(tx, accountId, order(9001));
        firstInserted();
        await gate; // held open until the second insert waits on the unique index
      });
      await inserted;
      const second = b.transaction().execute((tx) => recordCostOrder(tx, accountId, order(9002)));
      for (;;) {
        const waiting = await sql<{ n: number }>`
          SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE datname = current_database() AND wait_event_type = 'Lock'`.execute(a);
        if (waiting.rows[0].n > 0) break;
        await new Promise((r) => setImmediate(r));
      }
      release();
      await first;
      await second;
    } finally {
      await b.destroy();
    }
  }
  const rows = await t.database.db
    .selectFrom('billit_orders')
    .select(['order_id', 'order_direction'])
    .where('purchase_document_id', '=', 4242)
    .execute();
  assert.deepEqual(
    rows.map((r) => [Number(r.order_id), r.order_direction]),
    [[9001, 'Cost']],
  );
});
