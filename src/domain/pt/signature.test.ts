import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readShared, readSharedJson, skipUnlessShared } from '../../../test/support/shared.js';
import {
  loadPrivateKey,
  printedHashChars,
  publicKeyPem,
  signatureMessage,
  signDocument,
  signMessage,
  verifySignature,
  type SignatureInput,
} from './signature.js';

interface IdemoVector {
  table: string;
  documentNo: string;
  seriesKey: string;
  firstInSeries: boolean;
  messageToSign: string;
  expectedHash: string;
  printedHashChars: string;
}
interface GeneratedVector {
  documentNo: string;
  previousHash: string;
  messageToSign: string;
  expectedHash: string;
  hashLength: number;
  printedHashChars: string;
}

const SIG = ['specs', 'pt', 'signature'] as const;

/** Splits a signed message back into its five parts; no part contains `;`. */
function parts(message: string): SignatureInput {
  const [docDate, systemEntryDate, docId, grossTotal, previousHash, ...rest] = message.split(';');
  assert.equal(rest.length, 0, `unexpected extra ';' in ${message}`);
  return { docDate, systemEntryDate, docId, grossTotal, previousHash };
}

test(
  'signs all 35 AT demo (idemo) documents byte for byte and verifies them',
  skipUnlessShared(...SIG, 'idemo_chain_vectors.json'),
  () => {
    const { vectors } = readSharedJson<{ vectors: IdemoVector[] }>(...SIG, 'idemo_chain_vectors.json');
    const privateKey = loadPrivateKey(readShared(...SIG, 'test_private_key_rebelo.pem'));
    const publicKey = readShared(...SIG, 'test_public_key_rebelo.pem');
    assert.equal(vectors.length, 35);

    const lastHashOfSeries = new Map<string, string>();
    for (const v of vectors) {
      const input = parts(v.messageToSign);
      assert.equal(input.docId, v.documentNo);
      // The vectors are in series order: each message chains to the previous hash of its own series, or to '' for the first.
      assert.equal(
        input.previousHash,
        v.firstInSeries ? '' : lastHashOfSeries.get(v.seriesKey),
        `${v.documentNo} previous hash`,
      );
      assert.equal(signatureMessage(input), v.messageToSign, `${v.documentNo} message`);

      const hash = signDocument(input, privateKey);
      assert.equal(hash, v.expectedHash, `${v.documentNo} hash`);
      assert.equal(hash.length, 172);
      assert.equal(printedHashChars(hash), v.printedHashChars, `${v.documentNo} printed chars`);
      assert.ok(verifySignature(v.messageToSign, v.expectedHash, publicKey), `${v.documentNo} verifies`);
      lastHashOfSeries.set(v.seriesKey, hash);
    }
  },
);

test(
  'signs the 5 generated vectors (first, chained, 0.00 total, NC, GT) byte for byte',
  skipUnlessShared(...SIG, 'generated_vectors.json'),
  () => {
    const { vectors } = readSharedJson<{ vectors: GeneratedVector[] }>(...SIG, 'generated_vectors.json');
    const privatePem = readShared(...SIG, 'test_private_key_rebelo.pem');
    const publicKey = readShared(...SIG, 'test_public_key_rebelo.pem');
    assert.equal(vectors.length, 5);

    for (const v of vectors) {
      const input = parts(v.messageToSign);
      assert.equal(input.docId, v.documentNo);
      assert.equal(input.previousHash, v.previousHash);
      assert.equal(signatureMessage(input), v.messageToSign);

      const hash = signDocument(input, privatePem);
      assert.equal(hash, v.expectedHash, `${v.documentNo} hash`);
      assert.equal(hash.length, v.hashLength);
      assert.equal(signMessage(v.messageToSign, privatePem), v.expectedHash);
      assert.equal(printedHashChars(hash), v.printedHashChars);
      assert.ok(verifySignature(v.messageToSign, hash, publicKey));
    }
  },
);

test(
  'the public key derived from the private key is the published one',
  skipUnlessShared(...SIG, 'test_public_key_rebelo.pem'),
  () => {
    const derived = publicKeyPem(readShared(...SIG, 'test_private_key_rebelo.pem'));
    assert.equal(derived.trim(), readShared(...SIG, 'test_public_key_rebelo.pem').trim());
  },
);

test(
  'verification fails for any change to the message or the hash',
  skipUnlessShared(...SIG, 'generated_vectors.json'),
  () => {
    const { vectors } = readSharedJson<{ vectors: GeneratedVector[] }>(...SIG, 'generated_vectors.json');
    const publicKey = readShared(...SIG, 'test_public_key_rebelo.pem');
    const v = vectors[0];
    assert.ok(verifySignature(v.messageToSign, v.expectedHash, publicKey));
    assert.ok(!verifySignature(v.messageToSign.replace('123.00', '123.01'), v.expectedHash, publicKey));
    assert.ok(!verifySignature(`${v.messageToSign}\n`, v.expectedHash, publicKey), 'no trailing newline is signed');
    const flipped = (v.expectedHash[0] === 'A' ? 'B' : 'A') + v.expectedHash.slice(1);
    assert.ok(!verifySignature(v.messageToSign, flipped, publicKey));
  },
);

test('signatureMessage joins the five parts with ";" and ends with ";" for the first document', () => {
  assert.equal(
    signatureMessage({
      docDate: '2010-05-18',
      systemEntryDate: '2010-05-18T11:22:19',
      docId: 'FAC 001/14',
      grossTotal: '3.12',
      previousHash: '',
    }),
    '2010-05-18;2010-05-18T11:22:19;FAC 001/14;3.12;',
  );
});

test('printedHashChars takes positions 1, 11, 21 and 31', () => {
  const hash = 'abcdefghijKLMNOPQRSTuvwxyz0123456789';
  assert.equal(printedHashChars(hash), 'aKu4');
  assert.equal(printedHashChars('short'), '');
});
