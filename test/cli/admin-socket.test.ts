import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { createAccount } from '../../src/app/accounts/create-account.js';
import { callAdmin } from '../../src/admin/client.js';
import { startAdminServer, type AdminServer } from '../../src/admin/server.js';
import { adminSocketFile } from '../../src/admin/socket-path.js';
import { DomainError } from '../../src/domain/errors.js';
import { freshDatabase, type TestDatabase } from '../support/db.js';
import { testConfig } from '../support/app.js';

// The admin channel on its own: a DATA_DIR path far past the 108 bytes of a Unix socket address, a 0600 socket,
// errors carried back as the use case raised them, and no server (no socket, or a dead one's) told apart from one.
let root: string;
let dataDir: string;
let db: TestDatabase;
let server: AdminServer | undefined;
before(async () => {
  root = mkdtempSync(join(tmpdir(), 'faturador-admin-'));
  dataDir = join(root, 'a-data-dir-whose-path-is-far-longer-than-a-unix-socket-address-can-hold'.repeat(2));
  mkdirSync(dataDir, { recursive: true });
  db = await freshDatabase();
});
after(async () => {
  await server?.close();
  await db.drop();
  rmSync(root, { recursive: true, force: true });
});

test('with no socket, or the socket file of a process killed with SIGKILL, the CLI is told no server answers', async () => {
  assert.deepEqual(await callAdmin(dataDir, 'apikey.list', { accountId: 1 }, new PassThrough()), { reached: false });
  // Bound by its short name from inside DATA_DIR, then killed: the socket file stays, nothing listens.
  const listen = `require('node:net').createServer().listen('faturador.sock', () => console.log('up'))`;
  const stale = spawn(process.execPath, ['-e', listen], { cwd: dataDir, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve) => stale.stdout.once('data', () => resolve()));
  stale.kill('SIGKILL');
  await new Promise((resolve) => stale.once('exit', resolve));
  assert.ok(existsSync(adminSocketFile(dataDir)), 'the dead process left its socket file');
  assert.deepEqual(await callAdmin(dataDir, 'apikey.list', { accountId: 1 }, new PassThrough()), { reached: false });
});

test('the lock holder replaces a stale socket with its own, mode 0600, reached through a path longer than sun_path', async () => {
  assert.ok(Buffer.byteLength(adminSocketFile(dataDir)) > 108);
  const acc = await db.database.db.transaction().execute((tx) =>
    createAccount(tx, new Date(), {
      legalName: 'Socket, Lda',
      taxId: '503340855',
      owner: { email: 'socket@example.com' },
    }),
  );
  server = await startAdminServer({ database: db.database, config: { ...testConfig, dataDir } });
  assert.equal(statSync(adminSocketFile(dataDir)).mode & 0o777, 0o600);
  const args = { accountId: acc.accountId, name: 'via socket' };
  const created = await callAdmin(dataDir, 'apikey.create', args, new PassThrough());
  assert.equal(created.reached, true);
  const key = (created as { result: { key: string; name: string } }).result;
  assert.equal(key.name, 'via socket');
  const listed = await callAdmin(dataDir, 'apikey.list', { accountId: acc.accountId }, new PassThrough());
  assert.equal((listed as { result: unknown[] }).result.length, 2);
  await assert.rejects(
    callAdmin(dataDir, 'apikey.list', { accountId: 999 }, new PassThrough()),
    (err: unknown) =>
      err instanceof DomainError && err.code === 'not_found' && err.message === 'account 999 not found.',
  );
  await assert.rejects(
    callAdmin(dataDir, 'apikey.list', { accountId: 'x' }, new PassThrough()),
    (err: unknown) => err instanceof DomainError && err.code === 'validation',
  );
  await assert.rejects(
    callAdmin(dataDir, 'drop-everything', {}, new PassThrough()),
    (err: unknown) => err instanceof DomainError && err.code === 'not_found',
  );
  await server.close();
  server = undefined;
  assert.equal(existsSync(adminSocketFile(dataDir)), false);
});
