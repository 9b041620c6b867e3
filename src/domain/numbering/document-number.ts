/**
 * NOTE: P302 4.1.4.1 — InvoiceNo is `<internal type code> <series>/<sequence>`, pattern `[^ ]+ [^/^ ]+/[0-9]+`.
 * The internal code is the software's own (its counter's prefix, by default the SAF-T type code); the legal type
 * travels beside it (InvoiceType, PaymentType…). Sequences are never zero-padded, so the ATCUD's sequence matches the
 * number exactly (P195 art. 3.º).
 */
export function formatDocumentNumber(internalCode: string, seriesCode: string, sequence: number): string {
  return `${internalCode} ${seriesCode}/${sequence}`;
}
