/** Rule sets beyond EN 16931 (which always runs): Peppol BIS Billing 3.0 and the Portuguese CIUS-PT, UBL only. */
export const EINVOICE_PROFILES = ['en16931', 'peppol', 'cius-pt'] as const;
export type EinvoiceProfile = (typeof EINVOICE_PROFILES)[number];

export type EinvoiceSyntax = 'ubl' | 'cii';

export interface XsdError {
  line: number | null;
  message: string;
}

/** One schematron finding: a failed assert or a successful report of the SVRL. */
export interface EinvoiceFinding {
  /** The rule's id, e.g. BR-CO-16, PEPPOL-EN16931-R003. */
  id: string;
  /** fatal, warning or information: only fatal findings make a document invalid. */
  flag: string;
  /** XPath of the node the rule fired on. */
  location: string;
  text: string;
  /** The rule set that reported it, e.g. `EN16931-UBL 1.3.16`. */
  ruleset: string;
}

export interface EinvoiceValidation {
  /** Valid: the schema accepts it and no rule reported a fatal finding. */
  valid: boolean;
  syntax: EinvoiceSyntax;
  /** From the root element (UBL) or the type code (CII: 381 and 396 are credit notes). */
  documentType: 'invoice' | 'credit-note';
  /** InvoiceTypeCode, CreditNoteTypeCode or (CII) ExchangedDocument/TypeCode. */
  typeCode: string | null;
  /** BT-24: CustomizationID (UBL) or the guideline parameter's ID (CII). */
  customizationId: string | null;
  /** The rule sets run, in order. */
  rulesets: string[];
  xsd: { valid: boolean; errors: XsdError[] };
  findings: EinvoiceFinding[];
  /** How many findings are fatal. */
  fatal: number;
}

export interface ValidateOptions {
  /** Rule sets to run besides EN 16931; absent: chosen from the CustomizationID. */
  profiles?: readonly EinvoiceProfile[];
}
