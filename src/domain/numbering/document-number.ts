/**
 * NOTE: P302 4.1.4.1 — InvoiceNo is `<internal type code> <series>/<sequence>`, pattern `[^ ]+ [^/^ ]+/[0-9]+`.
 * Sequences are never zero-padded, so the ATCUD's sequence matches the number exactly (P195 art. 3.º).
 */
export function formatDocumentNumber(type: string, seriesCode: string, sequence: number): string {
  return `${type} ${seriesCode}/${sequence}`;
}
