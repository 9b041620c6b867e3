import { createPublicKey, type KeyObject } from 'node:crypto';
import { DomainError } from '../errors.js';
import { signatureMessage, verifySignature } from './signature.js';
import { type EntryInversion, entryTimeInversions } from './entry-order.js';

/** A signed document as exported to SAF-T: the four signed values plus its own Hash. */
export interface ChainDoc {
  docDate: string;
  systemEntryDate: string;
  docId: string;
  grossTotal: string;
  hash: string;
}

export type ChainFailureReason =
  'bad_signature' | 'numbering_gap' | 'numbering_repeat' | 'malformed_doc_id' | EntryInversion['reason'];

export interface ChainFailure {
  docId: string;
  reason: ChainFailureReason;
}

export interface ChainReport {
  ok: boolean;
  /** Signatures verified (repeats and malformed ids are reported, not verified). */
  checked: number;
  failures: ChainFailure[];
}

const DOC_ID = /^(.+)\/(\d+)$/;

function parseDocId(docId: string): { key: string; seq: number } | undefined {
  const m = DOC_ID.exec(docId);
  if (!m) return undefined;
  const seq = Number(m[2]);
  return Number.isSafeInteger(seq) ? { key: m[1], seq } : undefined;
}

function malformed(docId: string): DomainError {
  return new DomainError('validation', `"${docId}" is not a document number of the form "<type> <series>/<n>".`, [
    { field: 'docId', issue: 'invalid', message: 'Expected "<type> <series>/<n>".', value: docId },
  ]);
}

/**
 * The chain a document belongs to: its number without the trailing `/<n>` (`FT A/12` → `FT A`).
 * NOTE: D8632 §2.1.5 — each document chains to the last one of the same series/type (portugal.md §2.4).
 */
export function chainKey(docId: string): string {
  const p = parseDocId(docId);
  if (!p) throw malformed(docId);
  return p.key;
}

/** The sequential number after the last `/` (`FT A/0035` → 35). */
export function sequenceOf(docId: string): number {
  const p = parseDocId(docId);
  if (!p) throw malformed(docId);
  return p.seq;
}

/**
 * Verifies SAF-T hash chains: documents (any order, any series) are grouped by chain key and sorted by number;
 * each message is rebuilt with the stored hash of the previous document of its chain ('' for the first one).
 * The chain may start at any number (a series' first number is registered with AT), but must then be continuous.
 */
export function verifyChain(docs: readonly ChainDoc[], publicKeyPem: string | KeyObject): ChainReport {
  const key = typeof publicKeyPem === 'string' ? createPublicKey(publicKeyPem) : publicKeyPem;
  const failures: ChainFailure[] = [];
  const chains = new Map<string, { doc: ChainDoc; seq: number }[]>();
  for (const doc of docs) {
    const p = parseDocId(doc.docId);
    if (!p) {
      failures.push({ docId: doc.docId, reason: 'malformed_doc_id' });
      continue;
    }
    const chain = chains.get(p.key) ?? [];
    chain.push({ doc, seq: p.seq });
    chains.set(p.key, chain);
  }

  let checked = 0;
  for (const chain of chains.values()) {
    chain.sort((a, b) => a.seq - b.seq);
    let previous: { doc: ChainDoc; seq: number } | undefined;
    for (const entry of chain) {
      if (previous && entry.seq === previous.seq) {
        failures.push({ docId: entry.doc.docId, reason: 'numbering_repeat' });
        continue;
      }
      if (previous && entry.seq !== previous.seq + 1)
        failures.push({ docId: entry.doc.docId, reason: 'numbering_gap' });
      const { docDate, systemEntryDate, docId, grossTotal, hash } = entry.doc;
      const message = signatureMessage({
        docDate,
        systemEntryDate,
        docId,
        grossTotal,
        previousHash: previous?.doc.hash ?? '',
      });
      checked++;
      if (!verifySignature(message, hash, key)) failures.push({ docId, reason: 'bad_signature' });
      previous = entry;
    }
  }
  failures.push(...entryTimeInversions(docs));
  return { ok: failures.length === 0, checked, failures };
}
