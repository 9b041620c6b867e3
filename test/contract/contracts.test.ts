import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { startTestApp, type TestApp } from '../support/app.js';
import { createBelgianAccount } from '../be/belgian-account.js';
import { type ContractFile, type Send, mergeShapes, recordCase, runCase } from '../../src/http/kit/contract/index.js';

/**
 * Each dialect's recorded request/answer pairs (`*.contract.json` here), run against a server built by the test
 * support helpers, on the database FATURADOR_TEST_DB selects. Every case runs on its own fresh account.
 * `CONTRACT_RECORD=1` re-records the files from the current behaviour instead (read the diff before committing).
 */
const dir = new URL('./', import.meta.url);
// `CONTRACT_ONLY=billit` runs (or records) only the files whose name starts with it.
const only = process.env.CONTRACT_ONLY;
const files = readdirSync(dir).filter((f) => f.endsWith('.contract.json') && (!only || f.startsWith(only)));
const recording = process.env.CONTRACT_RECORD === '1';

const lisbonDate = (d = new Date()) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Lisbon' }).format(d);

let t: TestApp;
before(async () => {
  // A secret key: Billit's OAuth2 tokens and webhook secrets are sealed with the secret box.
  t = await startTestApp({ rateLimitPerMinute: 1_000_000, secretKey: 'c0ffee00'.repeat(8) });
});
after(async () => {
  await t?.close();
});

const send: Send = async (req) => {
  const res = await t.app.inject({
    method: req.method as 'GET',
    url: req.path,
    headers: req.headers,
    ...(req.body === undefined ? {} : { payload: req.body }),
  });
  return { status: res.statusCode, headers: res.headers, text: res.body };
};

/** A contract file may ask for its accounts' country (`"account": {"country": "BE"}` for Billit); else Portuguese. */
type Contract = ContractFile & { account?: { country?: string } };

async function initialVars(contract: Contract) {
  const account =
    contract.account?.country?.toUpperCase() === 'BE'
      ? await createBelgianAccount(t, `contract-${contract.dialect}`)
      : await t.newAccount();
  const today = lisbonDate();
  return {
    apiKey: account.apiKey,
    accountId: account.accountId,
    today,
    todayDmy: today.split('-').reverse().join('/'),
  };
}

for (const file of files) {
  const url = new URL(file, dir);
  const contract = JSON.parse(readFileSync(url, 'utf8')) as Contract;
  describe(`contract: ${contract.dialect}`, () => {
    if (recording) {
      after(() => writeFileSync(url, `${JSON.stringify(contract, null, 2)}\n`));
    }
    for (const [i, c] of contract.cases.entries()) {
      test(c.name, async () => {
        if (recording) {
          // Twice, on two accounts: only what both runs agree on is recorded.
          const first = await recordCase(c, send, await initialVars(contract));
          const second = await recordCase(c, send, await initialVars(contract));
          contract.cases[i] = mergeShapes(first, second) as typeof c;
          return;
        }
        const failures = await runCase(c, send, await initialVars(contract));
        assert.deepEqual(failures, [], `${contract.dialect} / ${c.name}:\n${failures.join('\n')}`);
      });
    }
  });
}
