import {
  formatAmount,
  formatDate,
  renderEmail,
  type EmailLang,
  type EmailTemplate,
  type EmailValues,
} from '../../domain/email/templates.js';

const INVOICE: Record<EmailLang, string> = {
  pt: 'Fatura',
  en: 'Invoice',
  fr: 'Facture',
  nl: 'Factuur',
  de: 'Rechnung',
};

/** A template filled with an example invoice of the account, to show how its e-mails read. */
export function previewTemplate(template: EmailTemplate, lang: EmailLang, accountName: string): EmailTemplate {
  const values: EmailValues = {
    documentType: INVOICE[lang],
    documentNumber: 'FT A2026/123',
    documentDate: formatDate('2026-12-01', lang),
    dueDate: formatDate('2026-12-31', lang),
    total: formatAmount('123.00', 'EUR', lang),
    currency: 'EUR',
    customerName: 'Cliente Exemplo, Lda',
    accountName,
    reference: 'PO-2026-77',
    downloadUrl: 'https://faturador.example/download/…',
  };
  return renderEmail(template, values);
}
