import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { readShared, readSharedJson, skipUnlessShared } from '../../../test/support/shared.js';
import { aesEcbDecrypt, aesEcbEncrypt, buildUsernameToken, createdTimestamp, decryptNonce } from './wsse.js';

interface Vectors {
  ks_hex: string;
  password: string;
  created: string;
  password_b64: string;
  created_b64: string;
  sample_nonce_with_fake_key: string;
  nonce_decrypts_to_ks_hex: string;
}
const WSSE = ['specs', 'pt', 'wsse'];

describe(
  'AT WS-Security vectors (specs/pt/wsse/wsse_vectors.json)',
  skipUnlessShared(...WSSE, 'wsse_vectors.json'),
  () => {
    const v = () => readSharedJson<Vectors>(...WSSE, 'wsse_vectors.json');

    test('Password and Created with the fixed Ks match byte for byte', () => {
      const x = v();
      const ks = Buffer.from(x.ks_hex, 'hex');
      assert.equal(aesEcbEncrypt(ks, x.password), x.password_b64);
      assert.equal(aesEcbEncrypt(ks, x.created), x.created_b64);
      assert.equal(createdTimestamp(new Date(x.created)), x.created);
    });

    test('a full token with the fixed Ks: the deterministic fields match, the Nonce opens to Ks with the fake AT key', () => {
      const x = v();
      const ks = Buffer.from(x.ks_hex, 'hex');
      const token = buildUsernameToken({
        username: '599999993/37',
        password: x.password,
        now: new Date(x.created),
        ks,
        atPublicKeyPem: readShared(...WSSE, 'FAKE_AT_SA_public_key_for_tests_only.pem'),
      });
      assert.equal(token.username, '599999993/37');
      assert.equal(token.password, x.password_b64);
      assert.equal(token.created, x.created_b64);
      const priv = readShared(...WSSE, 'FAKE_AT_SA_private_key_for_tests_only.pem');
      assert.equal(decryptNonce(token.nonce, priv).toString('hex'), x.ks_hex);
      assert.equal(Buffer.from(token.nonce, 'base64').length, 256, 'RSA-2048 block');
    });

    test('the sample Nonce decrypts to Ks, and Ks opens the sample Password and Created', () => {
      const x = v();
      const ks = decryptNonce(
        x.sample_nonce_with_fake_key,
        readShared(...WSSE, 'FAKE_AT_SA_private_key_for_tests_only.pem'),
      );
      assert.equal(ks.toString('hex'), x.nonce_decrypts_to_ks_hex);
      assert.equal(aesEcbDecrypt(ks, x.password_b64), x.password);
      assert.equal(aesEcbDecrypt(ks, x.created_b64), x.created);
    });
  },
);

describe('WS-Security token', () => {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });

  test('every token draws a fresh Ks (AT refuses a repeated one, code 13)', () => {
    const now = new Date('2026-03-01T12:00:00.000Z');
    const a = buildUsernameToken({ username: '503340855/1', password: 'segredo', atPublicKeyPem: publicKey, now });
    const b = buildUsernameToken({ username: '503340855/1', password: 'segredo', atPublicKeyPem: publicKey, now });
    const ka = decryptNonce(a.nonce, privateKey);
    const kb = decryptNonce(b.nonce, privateKey);
    assert.equal(ka.length, 16);
    assert.notDeepEqual(ka, kb);
    assert.notEqual(a.password, b.password);
    assert.equal(aesEcbDecrypt(ka, a.password), 'segredo');
    assert.equal(aesEcbDecrypt(kb, b.created), '2026-03-01T12:00:00.000Z');
  });

  test('UTF-8 passwords survive the round trip', () => {
    const ks = Buffer.alloc(16, 7);
    assert.equal(aesEcbDecrypt(ks, aesEcbEncrypt(ks, 'Pão&Ç€#1')), 'Pão&Ç€#1');
  });

  test('a Ks of the wrong size is refused', () => {
    assert.throws(() =>
      buildUsernameToken({
        username: 'x',
        password: 'y',
        atPublicKeyPem: publicKey,
        now: new Date(0),
        ks: Buffer.alloc(8),
      }),
    );
  });
});
