import { type ChainDoc, type ChainReport, chainKey, sequenceOf, verifyChain } from '../../domain/pt/chain.js';
import { type AssertViolation, checkRecordAsserts } from './check-asserts.js';
import { type TotalsViolation, checkRecordTotals } from './check-totals.js';
import { type ParsedRecord, readSaftRecords } from './read-records.js';

export interface SaftVerifyReport {
  ok: boolean;
  /** Documents read, by record name. */
  records: Record<string, number>;
  chain: ChainReport & {
    /**
     * The first document of each chain that starts after number 1 in this file and whose signature does not check
     * against an empty previous hash: it was chained to a document outside the file (an earlier period), so its own
     * signature cannot be checked from the file alone. Every later document of its chain is checked against it.
     */
    anchors: string[];
  };
  asserts: AssertViolation[];
  /** Records without lines, or whose lines do not add up to their totals (what the signature cannot see). */
  totals: TotalsViolation[];
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const SIGNED: Record<string, { id: string; date: string }> = {
  Invoice: { id: 'InvoiceNo', date: 'InvoiceDate' },
  StockMovement: { id: 'DocumentNumber', date: 'MovementDate' },
  WorkDocument: { id: 'DocumentNumber', date: 'WorkDate' },
};

function chainDoc(name: string, r: ParsedRecord): ChainDoc | undefined {
  const f = SIGNED[name];
  const hash = str(r.Hash);
  if (!f || !hash || hash === '0') return undefined;
  const totals = r.DocumentTotals as ParsedRecord | undefined;
  return {
    docId: str(r[f.id]),
    docDate: str(r[f.date]),
    systemEntryDate: str(r.SystemEntryDate),
    grossTotal: str(totals?.GrossTotal),
    hash,
  };
}

/**
 * Verifies an exported SAF-T file, streaming: the hash chain of its signed documents (Invoice, StockMovement,
 * WorkDocument) with `verifyChain` and the public key, and the XSD 1.1 assert rules of every document record.
 * NOTE: D8632 §2.1.5 — each document chains to the previous one of its series and type.
 */
export async function verifySaftFile(
  input: AsyncIterable<Buffer | string>,
  publicKeyPem: string,
): Promise<SaftVerifyReport> {
  const docs: ChainDoc[] = [];
  const asserts: AssertViolation[] = [];
  const totals: TotalsViolation[] = [];
  const records: Record<string, number> = {};
  for await (const { name, record } of readSaftRecords(input)) {
    records[name] = (records[name] ?? 0) + 1;
    asserts.push(...checkRecordAsserts(name, record));
    totals.push(...checkRecordTotals(name, record));
    const d = chainDoc(name, record);
    if (d) docs.push(d);
  }
  const report = verifyChain(docs, publicKeyPem);
  const first = new Map<string, ChainDoc>();
  for (const d of docs) {
    try {
      const k = chainKey(d.docId);
      const current = first.get(k);
      if (!current || sequenceOf(d.docId) < sequenceOf(current.docId)) first.set(k, d);
    } catch {
      /* malformed ids are reported by verifyChain */
    }
  }
  const anchors: string[] = [];
  for (const d of first.values()) {
    if (sequenceOf(d.docId) === 1) continue;
    const i = report.failures.findIndex((f) => f.docId === d.docId && f.reason === 'bad_signature');
    if (i >= 0) {
      report.failures.splice(i, 1);
      anchors.push(d.docId);
    }
  }
  const chain = { ...report, ok: report.failures.length === 0, checked: report.checked - anchors.length, anchors };
  return { ok: chain.ok && asserts.length === 0 && totals.length === 0, records, chain, asserts, totals };
}
