import { notFound } from '../../domain/errors.js';
import type { Tx } from '../context.js';
import type { DocumentLineRow, DocumentRow } from '../../infra/db/schema.js';

export interface DocumentView {
  doc: DocumentRow;
  lines: DocumentLineRow[];
  seriesCode: string;
  seriesKind: 'N' | 'F' | 'R';
  account: { taxId: string; country: string; certNo: number; sandbox: boolean };
  /** For a receipt: what it settles. For another document: the receipts that settle it. */
  settlements: {
    id: number;
    receiptId: number;
    documentId: number;
    docNo: string | null;
    amount: string;
    status: string;
  }[];
  /** Credit/debit notes and conversions that point at this document. */
  derived: { id: number; docNo: string | null; type: string; status: string }[];
}

export async function getDocument(tx: Tx, accountId: number, id: number): Promise<DocumentView> {
  const doc = await tx
    .selectFrom('documents')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!doc) throw notFound('document', id);
  const lines = await tx
    .selectFrom('document_lines')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('document_id', '=', id)
    .orderBy('position')
    .execute();
  const series = await tx
    .selectFrom('series')
    .innerJoin('accounts', 'accounts.id', 'series.account_id')
    .select([
      'series.code',
      'series.kind',
      'accounts.tax_id',
      'accounts.country',
      'accounts.software_cert_number',
      'accounts.sandbox',
    ])
    .where('series.account_id', '=', accountId)
    .where('series.id', '=', doc.series_id)
    .executeTakeFirstOrThrow();
  const isReceipt = doc.doc_type === 'RC' || doc.doc_type === 'RG';
  const settlements = await tx
    .selectFrom('settlements as s')
    .innerJoin('documents as o', (j) =>
      j.onRef('o.account_id', '=', 's.account_id').onRef('o.id', '=', isReceipt ? 's.document_id' : 's.receipt_id'),
    )
    .select(['s.id', 's.receipt_id', 's.document_id', 's.amount', 'o.doc_no', 'o.status'])
    .where('s.account_id', '=', accountId)
    .where(isReceipt ? 's.receipt_id' : 's.document_id', '=', id)
    .orderBy('s.id')
    .execute();
  // Two indexed lookups (documents_related, document_lines_origin_document), not `related = $id OR EXISTS(lines)`
  // over the account's documents: that form scanned every document of the account for each read.
  const derivedIds = await tx
    .selectFrom('documents')
    .select('id')
    .where('account_id', '=', accountId)
    .where('related_document_id', '=', id)
    .union(
      tx
        .selectFrom('document_lines')
        .select('document_id as id')
        .where('account_id', '=', accountId)
        .where('origin_document_id', '=', id),
    )
    .execute();
  const ids = derivedIds.map((r) => r.id).filter((d) => d !== id);
  const derived = ids.length
    ? await tx
        .selectFrom('documents as d')
        .select(['d.id', 'd.doc_no', 'd.doc_type', 'd.status'])
        .where('d.account_id', '=', accountId)
        .where('d.id', 'in', ids)
        .orderBy('d.id')
        .execute()
    : [];
  return {
    doc,
    lines,
    seriesCode: series.code,
    seriesKind: series.kind,
    account: {
      taxId: series.tax_id,
      country: series.country,
      certNo: series.software_cert_number,
      sandbox: series.sandbox,
    },
    settlements: settlements.map((s) => ({
      id: s.id,
      receiptId: s.receipt_id,
      documentId: s.document_id,
      docNo: s.doc_no,
      amount: s.amount,
      status: s.status,
    })),
    derived: derived.map((d) => ({ id: d.id, docNo: d.doc_no, type: d.doc_type, status: d.status })),
  };
}
