import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readShared, readSharedJson, skipUnlessShared } from '../../../test/support/shared.js';
import { DomainError } from '../errors.js';
import { chainKey, sequenceOf, verifyChain, type ChainDoc } from './chain.js';
import { signDocument } from './signature.js';

const SIG = ['specs', 'pt', 'signature'] as const;
const shared = skipUnlessShared(...SIG, 'idemo_chain_vectors.json');

function idemoDocs(): ChainDoc[] {
  const { vectors } = readSharedJson<{ vectors: { messageToSign: string; expectedHash: string }[] }>(
    ...SIG,
    'idemo_chain_vectors.json',
  );
  return vectors.map((v) => {
    const [docDate, systemEntryDate, docId, grossTotal] = v.messageToSign.split(';');
    return { docDate, systemEntryDate, docId, grossTotal, hash: v.expectedHash };
  });
}
const publicKey = (): string => readShared(...SIG, 'test_public_key_rebelo.pem');

/** Deterministic shuffle, so the test also proves the input order does not matter. */
function shuffled<T>(items: T[]): T[] {
  return items
    .map((item, i) => ({ item, k: (i * 7919) % 101 }))
    .sort((a, b) => a.k - b.k)
    .map((x) => x.item);
}

test('chainKey and sequenceOf split a document number at the last "/"', () => {
  assert.equal(chainKey('FT A/12'), 'FT A');
  assert.equal(chainKey('FT A2024/17'), 'FT A2024');
  assert.equal(chainKey('11T Q/1'), '11T Q');
  assert.equal(chainKey('FT FA.2024/896'), 'FT FA.2024');
  assert.equal(sequenceOf('FT A/12'), 12);
  assert.equal(sequenceOf('1N 8/00001'), 1);
  for (const bad of ['FT A', 'FT A/', 'FT A/1a', '/']) {
    assert.throws(
      () => chainKey(bad),
      (e: unknown) => e instanceof DomainError && e.code === 'validation',
      bad,
    );
    assert.throws(() => sequenceOf(bad), DomainError, bad);
  }
});

test('all 35 AT demo documents verify, in any order', shared, () => {
  const docs = idemoDocs();
  const report = verifyChain(shuffled(docs), publicKey());
  assert.deepEqual(report, { ok: true, checked: 35, failures: [] });
});

test('a tampered gross total fails at that document only', shared, () => {
  const docs = idemoDocs().map((d) => (d.docId === '1T 1/3' ? { ...d, grossTotal: '679.62' } : d));
  const report = verifyChain(docs, publicKey());
  assert.equal(report.ok, false);
  assert.equal(report.checked, 35);
  assert.deepEqual(report.failures, [{ docId: '1T 1/3', reason: 'bad_signature' }]);
});

test('a replaced hash fails at that document and at the next one, which was signed over the original', shared, () => {
  const docs = idemoDocs();
  const other = docs.find((d) => d.docId === '2T A/1')!.hash;
  const report = verifyChain(
    docs.map((d) => (d.docId === '2T A/2' ? { ...d, hash: other } : d)),
    publicKey(),
  );
  assert.deepEqual(report.failures, [
    { docId: '2T A/2', reason: 'bad_signature' },
    { docId: '2T A/3', reason: 'bad_signature' },
  ]);
});

test('a missing document is reported as a gap (and the next signature no longer chains)', shared, () => {
  const report = verifyChain(
    idemoDocs().filter((d) => d.docId !== '1T 1/3'),
    publicKey(),
  );
  assert.equal(report.checked, 34);
  assert.deepEqual(report.failures, [
    { docId: '1T 1/4', reason: 'numbering_gap' },
    { docId: '1T 1/4', reason: 'bad_signature' },
  ]);
});

test('a repeated number is reported and not verified; a malformed id is reported', shared, () => {
  const docs = idemoDocs();
  const dup = docs.find((d) => d.docId === 'COF E1/2')!;
  const report = verifyChain([...docs, dup, { ...dup, docId: 'COF E1' }], publicKey());
  assert.equal(report.checked, 35);
  assert.deepEqual(report.failures, [
    { docId: 'COF E1', reason: 'malformed_doc_id' },
    { docId: 'COF E1/2', reason: 'numbering_repeat' },
  ]);
});

test(
  'a chain may start after 1 and chains of different series do not mix',
  skipUnlessShared(...SIG, 'test_private_key_rebelo.pem'),
  () => {
    const privateKey = readShared(...SIG, 'test_private_key_rebelo.pem');
    const sign = (docId: string, grossTotal: string, previousHash: string): ChainDoc => {
      const base = { docDate: '2024-03-01', systemEntryDate: '2024-03-01T10:00:00', docId, grossTotal };
      return { ...base, hash: signDocument({ ...base, previousHash }, privateKey) };
    };
    const a5 = sign('FT A/5', '10.00', '');
    const a6 = sign('FT A/6', '20.00', a5.hash);
    const b1 = sign('FT B/1', '30.00', '');
    assert.deepEqual(verifyChain([a6, b1, a5], publicKey()), { ok: true, checked: 3, failures: [] });
    // Signed across series: FT B/1 chained to FT A's hash must fail.
    const crossed = sign('FT B/1', '30.00', a6.hash);
    assert.deepEqual(verifyChain([a5, a6, crossed], publicKey()).failures, [
      { docId: 'FT B/1', reason: 'bad_signature' },
    ]);
  },
);
