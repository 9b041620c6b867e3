import { createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

/**
 * The PT hash chain. NOTE: Portaria 363/2010 arts. 6–7 and Despacho 8632/2014 §4: RSA PKCS#1 v1.5 with SHA-1
 * over `<DocDate>;<SystemEntryDate>;<DocumentId>;<GrossTotal>;<PreviousHash>`, base64, 172 chars with a
 * 1024-bit key; the first document of a series/type chains to the empty string (portugal.md §2.2–2.4).
 */
export interface SignatureInput {
  /** YYYY-MM-DD */
  docDate: string;
  /** YYYY-MM-DDThh:mm:ss, no fraction, no time zone */
  systemEntryDate: string;
  /** e.g. `FT A/12` */
  docId: string;
  /** EUR gross total, 2 decimals */
  grossTotal: string;
  previousHash: string;
}

export function signatureMessage(p: SignatureInput): string {
  return `${p.docDate};${p.systemEntryDate};${p.docId};${p.grossTotal};${p.previousHash}`;
}

export function signMessage(message: string, privateKey: string | KeyObject): string {
  return sign('sha1', Buffer.from(message, 'utf8'), privateKey).toString('base64');
}

export function signDocument(p: SignatureInput, privateKey: string | KeyObject): string {
  return signMessage(signatureMessage(p), privateKey);
}

export function verifySignature(message: string, hash: string, publicKey: string | KeyObject): boolean {
  return verify('sha1', Buffer.from(message, 'utf8'), publicKey, Buffer.from(hash, 'base64'));
}

/** NOTE: D8632 §2.2.2 — the characters at positions 1, 11, 21 and 31 of the hash are printed. */
export function printedHashChars(hash: string): string {
  if (hash.length < 31) return '';
  return hash[0] + hash[10] + hash[20] + hash[30];
}

export function loadPrivateKey(pem: string): KeyObject {
  return createPrivateKey(pem);
}

export function publicKeyPem(privateKeyPem: string): string {
  return createPublicKey(privateKeyPem).export({ type: 'spki', format: 'pem' }).toString();
}
