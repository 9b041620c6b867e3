import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PendingUploads } from './pending-uploads.js';

const upload = (sessionId: number, bytes = 10, accountId = 1) => ({
  accountId,
  sessionId,
  fileName: 'f.csv',
  bytes: Buffer.alloc(bytes),
  issueValid: false,
  sendEmail: false,
  mapping: {},
  headers: [],
  preview: null,
});

test('an upload is found by its token only by its own account and session', () => {
  const store = new PendingUploads();
  const u = store.add(upload(7));
  assert.match(u.token, /^[A-Za-z0-9_-]{24}$/);
  assert.equal(store.get(u.token, 1, 7), u);
  assert.equal(store.get(u.token, 1, 8), undefined);
  assert.equal(store.get(u.token, 2, 7), undefined);
  assert.equal(store.get('nope', 1, 7), undefined);
});

test('uploads expire, a session keeps its newest few, and the total size is bounded', () => {
  let now = 0;
  const store = new PendingUploads({ ttlMs: 1000, perSession: 2, maxBytes: 100 }, () => now);
  const a = store.add(upload(1));
  now = 500;
  const b = store.add(upload(1));
  const c = store.add(upload(1));
  assert.equal(store.get(a.token, 1, 1), undefined, 'the oldest of the session went');
  assert.ok(store.get(b.token, 1, 1) && store.get(c.token, 1, 1));
  now = 1600;
  assert.equal(store.get(b.token, 1, 1), undefined, 'expired');
  const big = store.add(upload(2, 80));
  const bigger = store.add(upload(3, 80));
  assert.equal(store.get(big.token, 1, 2), undefined, 'least recently used dropped past maxBytes');
  assert.ok(store.get(bigger.token, 1, 3));
  store.delete(bigger.token);
  assert.equal(store.size, 0);
});
