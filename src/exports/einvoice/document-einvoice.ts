import type { Tx } from '../../app/context.js';
import { loadIssuedDocument } from '../../app/documents/load-issued-documents.js';
import { einvoiceFromIssued } from '../../domain/einvoice/from-issued.js';
import { partyIds } from '../../domain/einvoice/identifiers.js';
import type { Einvoice } from '../../domain/einvoice/model.js';
import { DomainError } from '../../domain/errors.js';
import { pdfFileName, renderDocumentCopy } from '../../render/pdf/document-pdf.js';
import { toCii } from './cii.js';
import {
  defaultProfile,
  profileMapping,
  type EinvoiceProfile,
  type EinvoiceSyntax,
  type SerializeOptions,
} from './profiles.js';
import { toUbl } from './ubl.js';

export interface EinvoiceRequest {
  syntax?: EinvoiceSyntax;
  profile?: EinvoiceProfile;
  /** Embed the PDF (default true). */
  attachPdf?: boolean;
  /**
   * The profile written instead of Peppol when the buyer has no electronic address (BT-49), e.g. a consumer.
   * NOTE: BIS 3.0 PEPPOL-EN16931-R010 makes the buyer EndpointID mandatory, so such a Peppol UBL is never valid.
   */
  withoutBuyerEndpoint?: EinvoiceProfile;
}

export interface EinvoiceFile {
  xml: string;
  syntax: EinvoiceSyntax;
  profile: EinvoiceProfile;
  /** `FT A-12.xml`. */
  fileName: string;
}

/** Writes an EN 16931 invoice in a syntax and profile. */
export function serializeEinvoice(inv: Einvoice, syntax: EinvoiceSyntax, opts: SerializeOptions): string {
  return syntax === 'cii' ? toCii(inv, opts) : toUbl(inv, opts);
}

/**
 * The syntax and profile asked for, or the seller's default (Peppol UBL for a Belgian seller, CIUS-PT UBL for a
 * Portuguese one). CIUS-PT is a UBL specification (Portaria 195/2020, eSPap's FE-AP norms): it has no CII form.
 */
export function resolveFormat(
  req: Pick<EinvoiceRequest, 'syntax' | 'profile'>,
  sellerCountry: string,
): { syntax: EinvoiceSyntax; profile: EinvoiceProfile } {
  const syntax = req.syntax ?? 'ubl';
  const fallback = defaultProfile(sellerCountry);
  const profile = req.profile ?? (syntax === 'cii' && fallback === 'cius-pt' ? 'en16931' : fallback);
  if (syntax === 'cii' && profile === 'cius-pt')
    throw new DomainError(
      'validation',
      'The CIUS-PT profile exists in UBL only: ask for syntax=ubl, or profile=en16931 with CII.',
      [{ field: 'profile', issue: 'invalid', message: 'CIUS-PT has no CII syntax.', value: profile }],
    );
  return { syntax, profile };
}

/**
 * A finalized invoice-like document as an EN 16931 e-invoice: loaded as the IssuedDocument every output reads,
 * checked (no draft, cancelled or non-invoice document: before any PDF is rendered), mapped, then written, its PDF
 * embedded unless asked not to. NOTE: the embedded PDF is the document's original (the e-invoice is its delivery),
 * marked "Original" and not counted as a print, as an e-mail attachment is rendered (D8632 §2.2.15).
 */
export async function documentEinvoice(
  tx: Tx,
  accountId: number,
  documentId: number,
  req: EinvoiceRequest,
): Promise<EinvoiceFile> {
  const doc = await loadIssuedDocument(tx, accountId, documentId);
  const format = resolveFormat(req, doc.regime);
  const { syntax } = format;
  const buyer = doc.customer.snapshot;
  const profile =
    format.profile === 'peppol' && req.withoutBuyerEndpoint && !partyIds(buyer.country, buyer.taxId).endpoint
      ? req.withoutBuyerEndpoint
      : format.profile;
  const inv = einvoiceFromIssued(doc, { ...profileMapping(profile), iban: doc.account.iban, bic: doc.account.bic });
  const pdf = req.attachPdf === false ? null : await renderDocumentCopy(tx, accountId, documentId, 'original');
  const xml = serializeEinvoice(inv, syntax, {
    profile,
    attachment: pdf ? { bytes: pdf.bytes, fileName: pdf.fileName, description: 'PDF' } : null,
  });
  return { xml, syntax, profile, fileName: pdfFileName(doc.number, doc.id).replace(/\.pdf$/, '.xml') };
}
