import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { startTestApp, type TestApp } from '../support/app.js';

const DIR = 'clients/typescript';
let t: TestApp;
let baseUrl: string;

before(async () => {
  t = await startTestApp();
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  baseUrl = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
});
after(async () => {
  await t.close();
});

test('the shipped client is generated from the current OpenAPI document', async () => {
  const served = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
  const shipped = JSON.parse(readFileSync(`${DIR}/openapi.json`, 'utf8'));
  const hint = 'clients/typescript is stale: run npm run client:generate';
  assert.deepEqual(shipped.paths, served.paths, hint);
  assert.deepEqual(shipped.components, served.components, hint);
});

test('the client type-checks, and its example creates, finalizes and reads back an invoice on a live server', async () => {
  const tsc = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', `${DIR}/tsconfig.json`], {
    encoding: 'utf8',
  });
  assert.equal(tsc.status, 0, `${tsc.stdout}${tsc.stderr}`);
  const { example } = await import('../../clients/typescript/example.js');
  const { created, read } = await example(baseUrl, t.account.apiKey);
  assert.equal(created.status, 'final');
  assert.match(created.number ?? '', /^FT \S+\/\d+$/);
  assert.equal(created.totals.gross, '246.00');
  assert.equal(read.id, created.id);
  assert.equal(read.number, created.number);
  assert.equal(read.signature?.hash, created.signature?.hash);
});
