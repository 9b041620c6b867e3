import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { sql } from 'kysely';
import { migrate, migrationsDir } from '../../src/infra/db/migrate.js';
import { syncReferenceData } from '../../src/infra/db/sync-reference-data.js';
import { EXEMPTION_CODES } from '../../src/domain/pt/exemption-codes.js';
import { freshDatabase, type TestDatabase } from '../support/db.js';

// What every restart runs before serving: migrations (nothing left to apply) and the reference-data sync.
let t: TestDatabase;
before(async () => {
  t = await freshDatabase();
});
after(() => t.drop());

test('migrate on a migrated database applies nothing, and every migration file is recorded', async () => {
  assert.deepEqual(await migrate(t.database), []);
  const files = readdirSync(migrationsDir())
    .filter((f) => f.endsWith('.sql'))
    .sort();
  const { rows } = await sql<{ name: string }>`select name from schema_migrations order by name`.execute(t.database.db);
  assert.deepEqual(
    rows.map((r) => r.name),
    files,
  );
});

test('the reference-data sync restores a hand-edited row and a deleted one', async () => {
  const [first, second] = EXEMPTION_CODES;
  const db = t.database.db;
  await db.updateTable('exemption_reasons').set({ text: 'edited by hand' }).where('code', '=', first.code).execute();
  await db.deleteFrom('exemption_reasons').where('code', '=', second.code).execute();
  await syncReferenceData(t.database);
  const rows = await db
    .selectFrom('exemption_reasons')
    .select(['code', 'text', 'legal_basis'])
    .where('code', 'in', [first.code, second.code])
    .orderBy('code')
    .execute();
  const expected = [first, second]
    .map((e) => ({ code: e.code, text: e.text, legal_basis: e.legalBasis }))
    .sort((a, b) => a.code.localeCompare(b.code));
  assert.deepEqual(rows, expected);
});
