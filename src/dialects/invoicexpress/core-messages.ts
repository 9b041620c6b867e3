/**
 * Core error codes whose InvoiceXpress wording is known (seeds 002/003 and the v2 docs): answered with this text
 * instead of the core's own message.
 */
export const IX_CORE_MESSAGES: Readonly<Record<string, string>> = {
  due_date_before_document_date: 'Due date must be later than date',
  exemption_required:
    'tax_exemption is required for items with IVA exempt (0%): send one of the IVA exemption codes (M01…M99)',
  rectification_without_reference:
    'owner_invoice_id is required: every item of a credit or debit note must come from its owner invoice',
};
