import { beLang } from '../be/legal-mentions.js';
import type { Lang } from '../documents/types.js';
import type { FieldIssue } from '../errors.js';
import type { RegimeCode } from '../regime/fiscal-regime.js';

/** The languages of e-mails: a document's languages, Dutch and German being those of Belgian documents. */
export type EmailLang = Lang | 'nl' | 'de';
export const EMAIL_LANGS: readonly EmailLang[] = ['pt', 'en', 'fr', 'nl', 'de'];

/** The languages a seller's e-mails can be written in: its documents' (Dutch and German for a Belgian seller). */
export function emailLanguages(regime: RegimeCode): readonly EmailLang[] {
  return regime === 'BE' ? EMAIL_LANGS : ['pt', 'en', 'fr'];
}

/**
 * The language a document's e-mail is written in: the document's (set from the customer's or the account's when
 * created), as its PDF reads. A Belgian seller's is Dutch, French, English or German (French for another); a
 * Portuguese seller's Portuguese, English or French (Portuguese for another).
 */
export function emailLanguage(regime: RegimeCode, documentLanguage: string): EmailLang {
  if (regime === 'BE') return beLang(documentLanguage);
  return documentLanguage === 'en' || documentLanguage === 'fr' ? documentLanguage : 'pt';
}

/**
 * E-mail templates: `{{name}}` is replaced by the value; `{{#name}}…{{/name}}` is kept only when the value is
 * not empty, `{{^name}}…{{/name}}` only when it is. No HTML: bodies are plain text.
 */
export const EMAIL_PLACEHOLDERS = {
  documentType: 'The document type in the document’s language (Fatura, Invoice, Facture…)',
  documentNumber: 'The document number, e.g. FT A2026/12',
  documentDate: 'The document date',
  dueDate: 'The due date (empty when the document has none)',
  total: 'The amount payable with its currency, e.g. 123,00 €',
  currency: 'The currency code, e.g. EUR',
  customerName: 'The customer’s name as printed on the document',
  accountName: 'The issuer’s (trade) name',
  reference: 'The customer’s reference of the document (empty when none)',
  downloadUrl: 'The public link to the PDF (no API key needed)',
} as const;

export type EmailPlaceholder = keyof typeof EMAIL_PLACEHOLDERS;
export type EmailValues = Record<EmailPlaceholder, string>;

export interface EmailTemplate {
  subject: string;
  body: string;
}

export const SUBJECT_MAX = 300;
export const BODY_MAX = 20_000;

export const DEFAULT_EMAIL_TEMPLATES: Readonly<Record<EmailLang, EmailTemplate>> = {
  pt: {
    subject: '{{documentType}} {{documentNumber}} · {{accountName}}',
    body: [
      '{{#customerName}}Caro(a) {{customerName}},{{/customerName}}{{^customerName}}Caro(a) cliente,{{/customerName}}',
      '',
      'Enviamos em anexo o documento {{documentType}} {{documentNumber}}, de {{documentDate}}, no valor de {{total}}.',
      '{{#dueDate}}Data de vencimento: {{dueDate}}.\n{{/dueDate}}{{#reference}}A sua referência: {{reference}}.\n{{/reference}}',
      'Com os melhores cumprimentos,',
      '{{accountName}}',
    ].join('\n'),
  },
  en: {
    subject: '{{documentType}} {{documentNumber}} · {{accountName}}',
    body: [
      '{{#customerName}}Dear {{customerName}},{{/customerName}}{{^customerName}}Dear customer,{{/customerName}}',
      '',
      'Please find attached {{documentType}} {{documentNumber}} of {{documentDate}}, for {{total}}.',
      '{{#dueDate}}Due date: {{dueDate}}.\n{{/dueDate}}{{#reference}}Your reference: {{reference}}.\n{{/reference}}',
      'Kind regards,',
      '{{accountName}}',
    ].join('\n'),
  },
  fr: {
    subject: '{{documentType}} {{documentNumber}} · {{accountName}}',
    body: [
      '{{#customerName}}Bonjour {{customerName}},{{/customerName}}{{^customerName}}Bonjour,{{/customerName}}',
      '',
      'Veuillez trouver ci-joint le document {{documentType}} {{documentNumber}} du {{documentDate}}, d’un montant de {{total}}.',
      '{{#dueDate}}Date d’échéance : {{dueDate}}.\n{{/dueDate}}{{#reference}}Votre référence : {{reference}}.\n{{/reference}}',
      'Cordialement,',
      '{{accountName}}',
    ].join('\n'),
  },
  nl: {
    subject: '{{documentType}} {{documentNumber}} · {{accountName}}',
    body: [
      '{{#customerName}}Beste {{customerName}},{{/customerName}}{{^customerName}}Beste klant,{{/customerName}}',
      '',
      'In bijlage vindt u {{documentType}} {{documentNumber}} van {{documentDate}}, voor een bedrag van {{total}}.',
      '{{#dueDate}}Vervaldatum: {{dueDate}}.\n{{/dueDate}}{{#reference}}Uw referentie: {{reference}}.\n{{/reference}}',
      'Met vriendelijke groeten,',
      '{{accountName}}',
    ].join('\n'),
  },
  de: {
    subject: '{{documentType}} {{documentNumber}} · {{accountName}}',
    body: [
      '{{#customerName}}Guten Tag {{customerName}},{{/customerName}}{{^customerName}}Sehr geehrte Damen und Herren,{{/customerName}}',
      '',
      'anbei erhalten Sie {{documentType}} {{documentNumber}} vom {{documentDate}} über {{total}}.',
      '{{#dueDate}}Fälligkeitsdatum: {{dueDate}}.\n{{/dueDate}}{{#reference}}Ihre Referenz: {{reference}}.\n{{/reference}}',
      'Mit freundlichen Grüßen',
      '{{accountName}}',
    ].join('\n'),
  },
};

const TAG = /\{\{\s*([#^/]?)\s*([A-Za-z][A-Za-z0-9]*)\s*\}\}/g;
const SECTION = /\{\{\s*([#^])\s*([A-Za-z][A-Za-z0-9]*)\s*\}\}([\s\S]*?)\{\{\s*\/\s*\2\s*\}\}/g;

const known = (name: string): name is EmailPlaceholder => Object.hasOwn(EMAIL_PLACEHOLDERS, name);

/** Unknown placeholders and unbalanced sections of a template field. */
export function templateIssues(text: string, field: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const open: string[] = [];
  for (const m of text.matchAll(TAG)) {
    const [, sigil, name] = m;
    if (!known(name)) {
      issues.push({
        field,
        issue: 'unknown',
        message: `Unknown placeholder {{${name}}}; known: ${Object.keys(EMAIL_PLACEHOLDERS).join(', ')}.`,
        value: name,
      });
      continue;
    }
    if (sigil === '#' || sigil === '^') open.push(name);
    else if (sigil === '/') {
      if (open.pop() !== name)
        issues.push({ field, issue: 'invalid', message: `{{/${name}}} closes no open section.`, value: name });
    }
  }
  for (const name of open)
    issues.push({
      field,
      issue: 'invalid',
      message: `Section {{#${name}}} is not closed with {{/${name}}}.`,
      value: name,
    });
  return issues;
}

/** Fills a template. Sections may nest: they are resolved from the outside in. */
export function renderTemplate(text: string, values: EmailValues): string {
  let out = text;
  for (let depth = 0; depth < 8; depth++) {
    const next = out.replace(SECTION, (_all, sigil: string, name: string, inner: string) => {
      const present = known(name) && values[name] !== '';
      return (sigil === '#') === present ? inner : '';
    });
    if (next === out) break;
    out = next;
  }
  return out.replace(TAG, (all, sigil: string, name: string) => (sigil ? '' : known(name) ? values[name] : all));
}

/** The subject and body of an e-mail: the subject on one line, the body without trailing blank lines. */
export function renderEmail(template: EmailTemplate, values: EmailValues): EmailTemplate {
  return {
    subject: renderTemplate(template.subject, values).replace(/\s+/g, ' ').trim().slice(0, SUBJECT_MAX),
    body: `${renderTemplate(template.body, values)
      .replace(/\r\n?/g, '\n')
      .replace(/\n{3,}/g, '\n\n')
      .trimEnd()}\n`,
  };
}

const LOCALES: Record<EmailLang, string> = { pt: 'pt-PT', en: 'en-GB', fr: 'fr-FR', nl: 'nl-BE', de: 'de-BE' };

/** An amount (decimal string, never a float) with its currency, in the language's conventions. */
export function formatAmount(amount: string, currency: string, lang: EmailLang): string {
  try {
    const fmt = new Intl.NumberFormat(LOCALES[lang], {
      style: 'currency',
      currency,
      minimumFractionDigits: 2,
      maximumFractionDigits: 2,
    });
    // Intl formats a decimal string exactly (ECMA-402 "Intl.NumberFormat v3"), without going through a float.
    return (fmt.format as unknown as (v: string) => string)(amount);
  } catch {
    return `${amount} ${currency}`;
  }
}

/**
 * A date (YYYY-MM-DD) as the language writes it: 31/12/2026 in Portuguese, French and Dutch, 31.12.2026 in German,
 * ISO in English.
 */
export function formatDate(iso: string | null, lang: EmailLang): string {
  if (!iso) return '';
  const [y, m, d] = iso.slice(0, 10).split('-');
  return lang === 'en' ? `${y}-${m}-${d}` : lang === 'de' ? `${d}.${m}.${y}` : `${d}/${m}/${y}`;
}
