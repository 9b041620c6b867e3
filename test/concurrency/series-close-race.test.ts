import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { updateSeries } from '../../src/app/series/update-series.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { testDbKind } from '../support/db.js';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(async () => {
  await t?.close();
});

const invoice = (seriesId: number) =>
  t.call('POST', '/v1/documents', {
    type: 'FT',
    seriesId,
    finalize: true,
    customer: { name: 'Cliente Fecho', taxId: '123456789' },
    lines: [{ description: 'Serviço', quantity: '1', unitPrice: '10', taxName: 'IVA23' }],
  });

test('a request that read the series as open while it was being closed cannot issue into it', async () => {
  const db = t.db.database.db;
  const series = await t.call('POST', '/v1/series', { code: 'FECHO', description: 'Série a fechar' });
  assert.equal((await invoice(series.body.id)).status, 201);

  let closedAt!: () => void;
  const commit = new Promise<void>((r) => {
    closedAt = r;
  });
  const closing = db.transaction().execute(async (tx) => {
    await updateSeries(tx, t.account.accountId, series.body.id, { status: 'finalized' });
    await commit;
  });
  // The request authenticates and reads the (cached, still open) series while the close is uncommitted.
  const racing = invoice(series.body.id);
  if (testDbKind === 'postgres') {
    // It then waits on the counter row the close holds.
    for (let i = 0; i < 200; i++) {
      const waiting = await sql<{
        n: number;
      }>`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`.execute(
        db,
      );
      if (waiting.rows[0].n > 0) break;
      await new Promise((r) => setTimeout(r, 10));
    }
  }
  closedAt();
  await closing;
  const r = await racing;
  assert.equal(r.status, 422, JSON.stringify(r.body));
  assert.equal(r.body.error.code, 'series_inactive');
  const counter = await db
    .selectFrom('series_doc_types')
    .select('last_number')
    .where('series_id', '=', series.body.id)
    .where('doc_type', '=', 'FT')
    .executeTakeFirstOrThrow();
  assert.equal(counter.last_number, 1, 'no number consumed after the close');
});

test('the database refuses to finalize a draft in a finalized series, whatever the code path', async () => {
  const db = t.db.database.db;
  const series = await t.call('POST', '/v1/series', { code: 'FECHO2', description: 'Outra' });
  const draft = await t.call('POST', '/v1/documents', {
    type: 'FT',
    seriesId: series.body.id,
    customer: { name: 'Cliente Fecho', taxId: '123456789' },
    lines: [{ description: 'Serviço', quantity: '1', unitPrice: '10', taxName: 'IVA23' }],
  });
  assert.equal(draft.status, 201);
  await sql`UPDATE series SET status = 'finalized' WHERE id = ${series.body.id}`.execute(db);
  await assert.rejects(
    sql`UPDATE documents SET status = 'final', number = 1, doc_no = 'FT FECHO2/1' WHERE id = ${draft.body.id}`.execute(
      db,
    ),
    (e: { code?: string }) => e.code === 'FA002',
  );
  const viaApi = await t.call('POST', `/v1/documents/${draft.body.id}/finalize`);
  assert.equal(viaApi.status, 422);
  assert.equal(viaApi.body.error.code, 'series_inactive');
});
