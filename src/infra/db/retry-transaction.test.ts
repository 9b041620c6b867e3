import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isRetryableTxError, retryTransaction, TX_ATTEMPTS } from './retry-transaction.js';

const pgError = (code: string) => Object.assign(new Error(code), { code });

test('deadlocks and serialization failures are run again; other errors are not', async () => {
  assert.equal(isRetryableTxError(pgError('40P01')), true);
  assert.equal(isRetryableTxError(pgError('40001')), true);
  assert.equal(isRetryableTxError(new Error('wrapped', { cause: pgError('40P01') })), true);
  assert.equal(isRetryableTxError(pgError('23505')), false);
  let n = 0;
  assert.equal(await retryTransaction(async () => (++n < 3 ? Promise.reject(pgError('40P01')) : 'done')), 'done');
  assert.equal(n, 3);
  n = 0;
  await assert.rejects(
    retryTransaction(async () => {
      n++;
      throw pgError('23505');
    }),
    /23505/,
  );
  assert.equal(n, 1);
});

test('a deadlock that keeps coming back reaches the caller after a bounded number of attempts', async () => {
  let n = 0;
  await assert.rejects(
    retryTransaction(async () => {
      n++;
      throw pgError('40001');
    }),
    /40001/,
  );
  assert.equal(n, TX_ATTEMPTS);
});
