import type { IssuedDocument } from '../../domain/documents/issued-document.js';
import { DomainError } from '../../domain/errors.js';
import type { Tx } from '../context.js';
import { loadIssuedDocument } from '../documents/load-issued-documents.js';

/** The logo's identity; its bytes are read only when a render is needed (readLogoBytes). */
export interface PdfLogo {
  contentType: 'image/png' | 'image/jpeg';
  sha256: string;
}

/** Everything a document's PDF shows, read in one transaction: the issued document and the account's logo. */
export interface PdfSource {
  doc: IssuedDocument;
  logo: PdfLogo | null;
}

/**
 * Loads a finalized (or cancelled) document for printing.
 * NOTE: D8632 §1.10 — a draft has no legal existence: it is never printed, so it has no PDF.
 */
export async function loadPdfSource(tx: Tx, accountId: number, documentId: number): Promise<PdfSource> {
  const [doc, logo] = await Promise.all([
    loadIssuedDocument(tx, accountId, documentId),
    tx
      .selectFrom('account_logos')
      .select(['content_type', 'sha256'])
      .where('account_id', '=', accountId)
      .executeTakeFirst(),
  ]);
  if (doc.status === 'draft') {
    throw new DomainError(
      'document_not_final',
      'A draft has no legal existence and cannot be printed (Despacho 8632/2014 §1.10); finalize it first.',
    );
  }
  return { doc, logo: logo ? { contentType: logo.content_type, sha256: logo.sha256 } : null };
}
