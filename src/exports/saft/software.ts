/**
 * Who produced the file (Header ProductCompanyTaxID, ProductID, ProductVersion).
 * NOTE: P302 1.14–1.17 — the producer's NIF, `<product>/<producer>`, the version; the certificate number is the
 * account's (0 while uncertified). When no producer NIF is configured the issuer's own is used, which is what
 * AT expects of software a taxpayer builds or runs for itself.
 */
export interface SaftSoftware {
  producerTaxId?: string;
  productId: string;
  version: string;
}

export const FATURADOR_SOFTWARE: SaftSoftware = {
  productId: 'Faturador/Faturador',
  version: '0.1.0',
};
