import { constants, createCipheriv, createDecipheriv, privateDecrypt, publicEncrypt, randomBytes } from 'node:crypto';

/**
 * AT's WS-Security UsernameToken (portugal.md §8.1; Manual Documentos de Transporte §4.1; e-Fatura Aspetos
 * Genéricos §2.2.1). Not the OASIS digest profile: per request a fresh 128-bit AES key Ks encrypts the password and
 * the creation instant (AES-128-ECB, PKCS#5 padding), and Ks travels RSA-encrypted (PKCS#1 v1.5) under AT's
 * authentication-system public key.
 */
export const WSSE_NS = 'http://schemas.xmlsoap.org/ws/2002/12/secext';

export interface UsernameToken {
  /** `NIF/subuser`, in clear. */
  username: string;
  /** Base64(AES-128-ECB-PKCS5(Ks, password)). */
  password: string;
  /** Base64(RSA-PKCS1v1.5(AT public key, Ks)). */
  nonce: string;
  /** Base64(AES-128-ECB-PKCS5(Ks, UTC ISO 8601 instant)). */
  created: string;
}

export function aesEcbEncrypt(ks: Buffer, text: string): string {
  const c = createCipheriv('aes-128-ecb', ks, null);
  return Buffer.concat([c.update(text, 'utf8'), c.final()]).toString('base64');
}

export function aesEcbDecrypt(ks: Buffer, b64: string): string {
  const d = createDecipheriv('aes-128-ecb', ks, null);
  return Buffer.concat([d.update(Buffer.from(b64, 'base64')), d.final()]).toString('utf8');
}

export function encryptNonce(ks: Buffer, atPublicKeyPem: string): string {
  return publicEncrypt({ key: atPublicKeyPem, padding: constants.RSA_PKCS1_PADDING }, ks).toString('base64');
}

/**
 * The inverse of `encryptNonce`, for the fake AT server and the tests. Node refuses PKCS#1 v1.5 private
 * decryption since the CVE-2023-46809 fix, so this takes the raw RSA result and removes the padding itself
 * (type 2: 00 02 PS≥8 00 M). Not constant-time: never use it on a real server.
 */
export function decryptNonce(nonceB64: string, privateKeyPem: string): Buffer {
  const em = privateDecrypt({ key: privateKeyPem, padding: constants.RSA_NO_PADDING }, Buffer.from(nonceB64, 'base64'));
  if (em[0] !== 0x00 || em[1] !== 0x02) throw new Error('not a PKCS#1 v1.5 encryption block');
  const sep = em.indexOf(0x00, 2);
  if (sep < 10) throw new Error('bad PKCS#1 v1.5 padding');
  return em.subarray(sep + 1);
}

/** The Created value before encryption: UTC, ISO 8601 with milliseconds (`2024-01-15T10:30:00.000Z`). */
export function createdTimestamp(now: Date): string {
  return now.toISOString();
}

export interface TokenInput {
  username: string;
  password: string;
  atPublicKeyPem: string;
  now: Date;
  /** Only for test vectors: a fixed session key. Real calls always draw a fresh one (AT refuses a repeated Ks, code 13). */
  ks?: Buffer;
}

export function buildUsernameToken(input: TokenInput): UsernameToken {
  const ks = input.ks ?? randomBytes(16);
  if (ks.length !== 16) throw new Error('Ks must be 16 bytes');
  return {
    username: input.username,
    password: aesEcbEncrypt(ks, input.password),
    nonce: encryptNonce(ks, input.atPublicKeyPem),
    created: aesEcbEncrypt(ks, createdTimestamp(input.now)),
  };
}
