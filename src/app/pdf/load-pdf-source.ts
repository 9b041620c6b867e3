import { DomainError } from '../../domain/errors.js';
import type { Tx } from '../context.js';
import { getDocument, type DocumentView } from '../documents/get-document.js';

/** A document another one refers to: the invoice a credit note corrects, the quote an invoice came from. */
export interface ReferencedDocument {
  id: number;
  type: string;
  docNo: string | null;
  date: string;
}

/** A document a receipt settles, with what it settled of it. */
export interface SettledDocument {
  id: number;
  type: string;
  docNo: string | null;
  date: string;
  grossTotal: string;
  amount: string;
}

/** The logo's identity; its bytes are read only when a render is needed (readLogoBytes). */
export interface PdfLogo {
  contentType: 'image/png' | 'image/jpeg';
  sha256: string;
}

/** Everything a document's PDF shows, read in one transaction. */
export interface PdfSource {
  view: DocumentView;
  logo: PdfLogo | null;
  paymentMethod: string | null;
  shippingMethod: string | null;
  /** The related document (credit/debit notes) first, then the origins of the lines, each once. */
  references: ReferencedDocument[];
  settled: SettledDocument[];
}

/**
 * Loads a finalized (or cancelled) document for printing.
 * NOTE: D8632 §1.10 — a draft has no legal existence: it is never printed, so it has no PDF.
 */
export async function loadPdfSource(tx: Tx, accountId: number, documentId: number): Promise<PdfSource> {
  const view = await getDocument(tx, accountId, documentId);
  const d = view.doc;
  if (d.status === 'draft') {
    throw new DomainError(
      'document_not_final',
      'A draft has no legal existence and cannot be printed (Despacho 8632/2014 §1.10); finalize it first.',
    );
  }
  const extra = await tx
    .selectNoFrom((eb) => [
      eb.selectFrom('account_logos').select('content_type').where('account_id', '=', accountId).as('logo_type'),
      eb.selectFrom('account_logos').select('sha256').where('account_id', '=', accountId).as('logo_sha256'),
      eb
        .selectFrom('payment_methods')
        .select('name')
        .where('account_id', '=', accountId)
        .where('id', '=', d.payment_method_id ?? 0)
        .as('payment_method'),
      eb
        .selectFrom('shipping_methods')
        .select('name')
        .where('account_id', '=', accountId)
        .where('id', '=', d.shipping_method_id ?? 0)
        .as('shipping_method'),
    ])
    .executeTakeFirstOrThrow();

  const refIds: number[] = [];
  const addRef = (id: number | null) => {
    if (id !== null && id !== d.id && !refIds.includes(id)) refIds.push(id);
  };
  addRef(d.related_document_id);
  for (const l of view.lines) addRef(l.origin_document_id);
  const settledIds = view.settlements.map((s) => s.documentId);
  const wanted = [...new Set([...refIds, ...(isReceipt(d.doc_type) ? settledIds : [])])];
  const others =
    wanted.length === 0
      ? []
      : await tx
          .selectFrom('documents')
          .select(['id', 'doc_type', 'doc_no', 'doc_date', 'gross_total'])
          .where('account_id', '=', accountId)
          .where('id', 'in', wanted)
          .execute();
  const byId = new Map(others.map((o) => [o.id, o]));

  const references: ReferencedDocument[] = refIds.flatMap((id) => {
    const o = byId.get(id);
    return o ? [{ id, type: o.doc_type, docNo: o.doc_no, date: o.doc_date }] : [];
  });
  const settled: SettledDocument[] = isReceipt(d.doc_type)
    ? view.settlements.flatMap((s) => {
        const o = byId.get(s.documentId);
        return o
          ? [
              {
                id: o.id,
                type: o.doc_type,
                docNo: o.doc_no,
                date: o.doc_date,
                grossTotal: o.gross_total,
                amount: s.amount,
              },
            ]
          : [];
      })
    : [];

  return {
    view,
    logo: extra.logo_type && extra.logo_sha256 ? { contentType: extra.logo_type, sha256: extra.logo_sha256 } : null,
    paymentMethod: extra.payment_method ?? null,
    shippingMethod: extra.shipping_method ?? null,
    references,
    settled,
  };
}

function isReceipt(type: string): boolean {
  return type === 'RC' || type === 'RG';
}
