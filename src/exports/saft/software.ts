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

/** The installation's producer data (SOFTWARE_PRODUCT_ID, SOFTWARE_PRODUCER_NIF) over the defaults. */
export function saftSoftware(configured?: { productId?: string; producerTaxId?: string }): SaftSoftware {
  return {
    ...FATURADOR_SOFTWARE,
    ...(configured?.productId ? { productId: configured.productId } : {}),
    ...(configured?.producerTaxId ? { producerTaxId: configured.producerTaxId } : {}),
  };
}
