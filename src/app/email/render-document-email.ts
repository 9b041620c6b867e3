import { docTypeName } from '../../domain/documents/type-names.js';
import { isDocType } from '../../domain/documents/types.js';
import {
  DEFAULT_EMAIL_TEMPLATES,
  emailLanguage,
  formatAmount,
  formatDate,
  renderEmail,
  type EmailLang,
  type EmailTemplate,
  type EmailValues,
} from '../../domain/email/templates.js';
import { notFound } from '../../domain/errors.js';
import { regimeOf } from '../../domain/regime/registry.js';
import type { Tx } from '../context.js';

/**
 * The subject and body of a document's e-mail, from the account's template in the document's language (or the
 * default), filled with the document as it is now. Fields the request gave are kept as they are.
 */
export async function renderDocumentEmail(
  tx: Tx,
  publicUrl: string,
  accountId: number,
  documentId: number,
  given: { subject?: string | null; body?: string | null } = {},
): Promise<EmailTemplate & { language: EmailLang }> {
  const d = await tx
    .selectFrom('documents as d')
    .innerJoin('accounts as a', 'a.id', 'd.account_id')
    .select([
      'd.id',
      'd.doc_type',
      'd.doc_no',
      'd.doc_date',
      'd.due_date',
      'd.payable_total',
      'd.currency',
      'd.language',
      'd.customer',
      'd.seller',
      'd.reference',
      'd.download_token',
      'a.legal_name',
      'a.trade_name',
      'a.country',
    ])
    .where('d.account_id', '=', accountId)
    .where('d.id', '=', documentId)
    .executeTakeFirst();
  if (!d) throw notFound('document', documentId);
  const language = emailLanguage(regimeOf(d).code, d.language);
  const row = await tx
    .selectFrom('email_templates')
    .select(['subject', 'body'])
    .where('account_id', '=', accountId)
    .where('language', '=', language)
    .executeTakeFirst();
  const template = row ?? DEFAULT_EMAIL_TEMPLATES[language];
  const customer = d.customer?.name?.trim() ?? '';
  const values: EmailValues = {
    documentType: isDocType(d.doc_type) ? docTypeName(d.doc_type, language) : d.doc_type,
    documentNumber: d.doc_no ?? '',
    documentDate: formatDate(d.doc_date, language),
    dueDate: formatDate(d.due_date, language),
    total: formatAmount(d.payable_total, d.currency, language),
    currency: d.currency,
    // "Consumidor final" is how an anonymous customer is printed; a greeting by that name reads badly.
    customerName: /^consumidor final$/i.test(customer) ? '' : customer,
    accountName: d.seller?.name || d.trade_name || d.legal_name,
    reference: d.reference ?? '',
    downloadUrl: `${publicUrl.replace(/\/$/, '')}/download/${d.id}/${d.download_token}`,
  };
  const rendered = renderEmail(template, values);
  return {
    language,
    subject: given.subject?.trim() ? given.subject.replace(/\s+/g, ' ').trim() : rendered.subject,
    body: given.body?.trim() ? given.body : rendered.body,
  };
}
