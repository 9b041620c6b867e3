import type { ContactInput } from '../contacts/contact-input.js';
import type { ItemInput } from '../items/item-input.js';

export type DecimalLike = string | number;

export interface AddressInput {
  street?: string | null;
  postalCode?: string | null;
  city?: string | null;
  country?: string | null;
}

export interface LineInput {
  /** An existing item, or an inline one found by code then description, or created. */
  itemId?: number | null;
  item?: (ItemInput & { updateExisting?: boolean; matchCodeOnly?: boolean }) | null;
  code?: string | null;
  description?: string | null;
  productType?: 'P' | 'S' | 'O' | 'E' | 'I';
  quantity: DecimalLike;
  unitPrice?: DecimalLike | null;
  unit?: string | null;
  discounts?: DecimalLike[] | null;
  /** The tax by id, by name (unknown names fall back to the default tax), or by rate and region. */
  taxId?: number | null;
  taxName?: string | null;
  taxRate?: DecimalLike | null;
  taxRegion?: string | null;
  exemptionCode?: string | null;
  exemptionReason?: string | null;
  /**
   * A Belgian seller's line: its EN 16931 VAT category (S, Z, E, AE, K, G, O; default S when taxed, required at 0 %)
   * and VATEX exemption reason code (AE, K, G and O take theirs by default).
   */
  vatCategory?: string | null;
  vatexCode?: string | null;
  /** For credit/debit notes and conversions: the origin line. */
  originLineId?: number | null;
  /**
   * For credit/debit notes, instead of an origin line: the original by its number (an invoice issued before this
   * system). A number of a document of the account stands for that document.
   */
  reference?: LineReferenceInput | null;
}

/** The document a credit or debit note line corrects, named by its number. */
export interface LineReferenceInput {
  number: string;
  date?: string | null;
  /** Why it is corrected (SAF-T Reason, at most 50 characters). */
  reason?: string | null;
}

export interface DocumentInput {
  type: string;
  seriesId?: number | null;
  storeId?: number | null;
  date?: string | null;
  dueDate?: string | null;
  taxPointDate?: string | null;
  contactId?: number | null;
  customer?: (ContactInput & { id?: number | null }) | null;
  billingAddress?: AddressInput | null;
  lines: LineInput[];
  vatIncluded?: boolean | null;
  /**
   * Whether the document is paid by its own issue. A simplified invoice (FS) is unless this says false (its amount
   * then stays open for receipts); an FR always is, no other type is: the contrary is refused.
   */
  paidOnIssue?: boolean | null;
  globalDiscount?: { kind: 'percent' | 'amount'; value: DecimalLike } | null;
  withholding?: { type?: 'IRS' | 'IRC' | 'IS'; rate: DecimalLike } | null;
  roundingAdjustment?: DecimalLike | null;
  /** Default exemption code for 0% lines that carry none. */
  exemptionCode?: string | null;
  /**
   * A Belgian seller's structured payment reference (OGM/VCS `+++123/4567/89002+++`, mod-97); generated at finalize
   * for invoices and debit notes when absent.
   */
  paymentReference?: string | null;
  currency?: string | null;
  exchangeRate?: DecimalLike | null;
  language?: 'pt' | 'en' | 'fr' | 'nl' | 'de' | null;
  reference?: string | null;
  observations?: string | null;
  internalNote?: string | null;
  stateId?: number | null;
  paymentMethodId?: number | null;
  shippingMethodId?: number | null;
  loadAddress?: AddressInput | null;
  unloadAddress?: AddressInput | null;
  loadAt?: string | null;
  unloadAt?: string | null;
  vehiclePlate?: string | null;
  relatedDocumentId?: number | null;
  finalize?: boolean;
  /**
   * E-mail the finalized document's PDF to these addresses (a list, or one string separated by commas or
   * semicolons: MagniFinance `SendTo`). Queued in the same transaction; requires finalize.
   */
  sendTo?: string | string[] | null;
}
