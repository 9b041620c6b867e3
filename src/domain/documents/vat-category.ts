/**
 * NOTE: EN 16931 BT-151/BT-118 — the VAT category codes a Faturador line can carry (UNCL5305 subset of BR-CL-18,
 * without the Spanish L/M and Italian B): S standard rated, Z zero rated, E exempt, AE reverse charge,
 * K intra-community supply, G export outside the EU, O outside the scope of VAT.
 */
export const VAT_CATEGORIES = ['S', 'Z', 'E', 'AE', 'K', 'G', 'O'] as const;
export type VatCategory = (typeof VAT_CATEGORIES)[number];

export function isVatCategory(v: unknown): v is VatCategory {
  return typeof v === 'string' && (VAT_CATEGORIES as readonly string[]).includes(v);
}
