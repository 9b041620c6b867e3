import { trimDecimal } from '../../domain/money/trim.js';
import { ATCUD_PLACEHOLDER } from '../../domain/pt/atcud.js';
import { CONSUMIDOR_FINAL_NIF, isValidPtNif } from '../../domain/pt/nif.js';
import type { IssuedAddress, IssuedDocument } from '../../domain/documents/issued-document.js';
import type { AtAddressPT, TransportDocumentRequest } from './ports.js';

const cut = (s: string | null | undefined, n: number) => (s ? s.trim().slice(0, n) || undefined : undefined);

/** AddressStructurePT: Country is fixed to PT and PostalCode to NNNN-NNN, so they are left out otherwise. */
export function ptAddress(a: IssuedAddress | null | undefined): AtAddressPT | undefined {
  if (!a) return undefined;
  const country = (a.country ?? 'PT').toUpperCase();
  const out: AtAddressPT = {
    addressDetail: cut(a.street, 210),
    city: cut(a.city, 50),
    postalCode: a.postalCode && /^\d{4}-\d{3}$/.test(a.postalCode.trim()) ? a.postalCode.trim() : undefined,
    country: country === 'PT' ? 'PT' : undefined,
  };
  return out.addressDetail || out.city || out.postalCode ? out : undefined;
}

/** `YYYY-MM-DD hh:mm:ss` (as stored) → `YYYY-MM-DDThh:mm:ss`. */
export const isoLocal = (v: string | null) => (v ? v.replace(' ', 'T').slice(0, 19) : undefined);

/**
 * The StockMovement AT receives for a finalized transport document (Manual Documentos de Transporte §4.2).
 * `A` re-sends the document as cancelled, quoting the code AT gave it.
 */
export function buildTransportRequest(doc: IssuedDocument, movementStatus: 'N' | 'A'): TransportDocumentRequest {
  const seller = doc.seller;
  const customer = doc.customer.snapshot;
  const t = doc.transport;
  // NOTE: MTRANSP §4.2 (1.10) — CustomerTaxID is a Portuguese NIF; 999999990 when the recipient is not known;
  // own-goods transfers (GA) carry the sender's own NIF.
  let customerTaxId =
    customer.taxId && isValidPtNif(customer.taxId) && (customer.country ?? 'PT') === 'PT'
      ? customer.taxId
      : CONSUMIDOR_FINAL_NIF;
  if (doc.type === 'GA' && customerTaxId === CONSUMIDOR_FINAL_NIF) customerTaxId = seller.taxId;
  return {
    taxRegistrationNumber: seller.taxId,
    companyName: cut(seller.legalName ?? seller.name, 100) ?? seller.taxId,
    companyAddress: ptAddress(seller) ?? {},
    documentNumber: doc.number ?? '',
    atcud: doc.atcud && doc.atcud !== ATCUD_PLACEHOLDER ? doc.atcud : undefined,
    atDocCodeId: movementStatus === 'A' ? (t.atCode ?? undefined) : undefined,
    movementStatus,
    movementDate: doc.date,
    movementType: doc.type as TransportDocumentRequest['movementType'],
    customerTaxId,
    customerAddress: ptAddress(customer),
    customerName: cut(customer.name, 100),
    addressTo: ptAddress(t.unload),
    addressFrom: ptAddress(t.load) ?? {},
    movementEndTime: isoLocal(t.unloadAt),
    movementStartTime: isoLocal(t.loadAt) ?? '',
    vehicleId: cut(t.vehiclePlate, 32),
    lines: doc.lines.map((l) => ({
      productDescription: cut(l.description, 200) ?? l.code,
      quantity: trimDecimal(l.quantity),
      unitOfMeasure: cut(l.unit, 20) ?? 'UN',
      unitPrice: trimDecimal(l.amounts.unitNetPrice),
    })),
  };
}
