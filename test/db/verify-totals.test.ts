import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { loadChain } from '../../src/app/documents/load-chain.js';
import { loadDocumentTotals } from '../../src/app/documents/load-document-totals.js';
import { verifyChain } from '../../src/domain/pt/chain.js';
import { documentTotalsFailures } from '../../src/domain/totals/reconcile.js';
import { verifySaftFile } from '../../src/exports/saft/verify-file.js';
import { lisbonDate } from '../../src/domain/time.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { testDbKind } from '../support/db.js';
import { faturadorArgs } from '../support/faturador-bin.js';
import { bytes, exportViaApi } from '../saft/saft-helpers.js';

// Issue #12 item 1: what the signature cannot see. The triggers refuse these changes, so they are forged with the
// triggers off (session_replication_role = replica, what a superuser can do): verify-chain and saft verify catch them.

let t: TestApp;
let publicKey: string;
before(async () => {
  t = await startTestApp();
  const headers = { authorization: `Bearer ${t.account.apiKey}` };
  publicKey = (await t.app.inject({ method: 'GET', url: '/v1/signing-key', headers })).body;
});
after(async () => {
  await t?.close();
});

const db = () => t.db.database.db;
const LINES = [
  { description: 'A', quantity: '2', unitPrice: '10', taxName: 'IVA23' },
  { description: 'B', quantity: '1', unitPrice: '5.55', taxName: 'IVA6' },
];
const issue = async () => {
  const r = await t.call('POST', '/v1/documents', { type: 'FT', finalize: true, lines: LINES });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body as { id: number; number: string };
};
const forge = (q: ReturnType<typeof sql>) =>
  db()
    .transaction()
    .execute(async (tx) => {
      await sql`set local session_replication_role = replica`.execute(tx);
      await q.execute(tx);
    });
const today = lisbonDate(new Date());
const verifyDb = async () => {
  const { docs, publicKeys } = await loadChain(db(), t.account.accountId, {});
  const chain = verifyChain(docs, publicKeys.at(-1)!.public_pem);
  const totals = documentTotalsFailures(await loadDocumentTotals(db(), t.account.accountId, {}));
  return { chain, totals };
};
const verifySaft = async () => {
  const r = await exportViaApi(t, `from=${today}&to=${today}`);
  assert.equal(r.status, 200, r.body);
  return verifySaftFile(bytes(r.body), publicKey);
};

const about = <T extends { docId: string }>(failures: T[], docId: string): T[] =>
  failures.filter((f) => f.docId === docId);

test('issued documents reconcile: every signed document has lines that add up to its gross total', async () => {
  const ft = await issue();
  const { chain, totals } = await verifyDb();
  assert.deepEqual(about(chain.failures, ft.number), []);
  assert.deepEqual(about(totals, ft.number), []);
  const saft = await verifySaft();
  assert.equal(saft.records.Invoice > 0, true);
  assert.deepEqual(about(saft.totals, ft.number), []);
});

test('lines moved off a finalized invoice: the chain still verifies, the missing lines are reported', async () => {
  const ft = await issue();
  const draft = await t.call('POST', '/v1/documents', { type: 'FT', lines: LINES });
  await forge(sql`update document_lines set document_id = ${draft.body.id}, position = position + 100
    where document_id = ${ft.id}`);
  const { chain, totals } = await verifyDb();
  assert.deepEqual(about(chain.failures, ft.number), [], 'the signature cannot see it');
  assert.deepEqual(
    about(totals, ft.number).map((f) => f.reason),
    ['no_lines'],
  );
  const saft = await verifySaft();
  assert.equal(saft.ok, false);
  assert.deepEqual(
    about(saft.totals, ft.number).map((f) => [f.record, f.reason]),
    [['Invoice', 'no_lines']],
  );
});

test('a line made cheaper on a finalized invoice: its totals no longer add up', async () => {
  const ft = await issue();
  await forge(sql`update document_lines set unit_price = 1, net_amount = 2, unit_net_price = 1, net_total = 2,
    tax_total = 0.46, gross_total = 2.46 where document_id = ${ft.id} and position = 1`);
  const { chain, totals } = await verifyDb();
  assert.deepEqual(about(chain.failures, ft.number), [], 'the signature cannot see it');
  assert.deepEqual(
    about(totals, ft.number).map((f) => f.reason),
    ['totals_mismatch'],
  );
  const saft = await verifySaft();
  assert.equal(saft.ok, false);
  assert.deepEqual(
    about(saft.totals, ft.number).map((f) => f.reason),
    ['totals_mismatch'],
  );
});

const cliSkip = testDbKind === 'postgres' ? false : 'the CLI opens its own database: needs PostgreSQL';
test('`faturador verify-chain` reports it and exits 1', { skip: cliSkip }, async () => {
  const ft = await issue();
  const draft = await t.call('POST', '/v1/documents', { type: 'FT', lines: LINES });
  await forge(sql`update document_lines set position = position + 100, document_id = ${draft.body.id}
    where document_id = ${ft.id}`);
  const repo = resolve(import.meta.dirname, '../..');
  const args = [...faturadorArgs(), 'verify-chain', '--account', String(t.account.accountId)];
  const env = { ...process.env, DATABASE_URL: t.db.url };
  const out = await promisify(execFile)(process.execPath, args, { cwd: repo, env }).then(
    () => assert.fail('exit code 0'),
    (e: { code: number; stdout: string }) => e,
  );
  assert.equal(out.code, 1);
  const report = JSON.parse(out.stdout) as { ok: boolean; totals: { docId: string; reason: string }[] };
  assert.equal(report.ok, false);
  assert.deepEqual(
    about(report.totals, ft.number).map((f) => f.reason),
    ['no_lines'],
  );
});
