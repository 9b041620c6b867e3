import type { DocumentInput } from '../../app/documents/document-input.js';
import type { AccountConfig } from '../../app/accounts/account-config.js';
import { clientInput } from './client-input.js';
import { mfDate } from './dates.js';
import { exemptionCode, lineInput, percentage, productsOf } from './lines-input.js';
import { MfError } from './mf-error.js';
import type { MfReader } from './reader.js';

/** MagniFinance's document types (Magni.APIClient.V2 Models/Document.cs) and the core's. */
const TYPES: Record<string, string> = { T: 'FR', I: 'FT', S: 'FS', C: 'NC', D: 'ND' };
const CORE_TYPES = new Set(Object.values(TYPES));
const NOTES = new Set(['NC', 'ND']);
/** The ISO 4217 codes in use, as the runtime's ICU data lists them. */
const CURRENCIES: ReadonlySet<string> = new Set(Intl.supportedValuesOf('currency'));

/** A DocumentCreate read: the core's input, and the ExternalId it is to be created at most once under. */
export interface MfDocumentCreate {
  input: DocumentInput;
  externalId?: string;
}

/** `Type` T/I/S/C/D (or the core's own FR/FT/FS/NC/ND); anything else is 07 TypeInvalid. */
export function documentType(doc: MfReader): string {
  const raw = doc.str('Type')?.toUpperCase();
  const type = raw === undefined ? 'FT' : (TYPES[raw] ?? (CORE_TYPES.has(raw) ? raw : undefined));
  if (!type)
    throw new MfError(7, `The document type ${raw} is not valid: T, I, S, C or D.`, [
      {
        FieldName: doc.pathOf('Type'),
        Type: 'TypeInvalid',
        Field: doc.pathOf('Type'),
        Value: raw,
        Detail: 'T, I, S, C or D.',
      },
    ]);
  return type;
}

/** A date field, or a ValidationError on it. */
export function date(doc: MfReader, key: string): string | undefined {
  const text = doc.str(key);
  const day = mfDate(text);
  if (text !== undefined && !day) doc.problem(key, 'Invalid', `${doc.pathOf(key)} is not a date (YYYY-MM-DD).`);
  return day;
}

/**
 * The series a `Serie` (or the seed's `Series`) names, by its code in any letter case; none (empty or absent): the
 * account's default. A name the account has no open series of is 18 SerieDataNotMatch on the field with the value:
 * a shop sending "LOJA2" expects its documents there, never silently in another series.
 */
export function seriesIdOf(doc: MfReader, series: AccountConfig['series']): number | null {
  const key = doc.key('Serie', 'Series') ?? 'Serie';
  const sent = doc.str('Serie', 'Series')?.trim();
  if (!sent) return null;
  const found = series.find((s) => s.code.toLowerCase() === sent.toLowerCase() && s.status === 'active');
  if (found) return found.id;
  throw new MfError(18, `The account has no open series ${sent}.`, [
    {
      FieldName: doc.pathOf(key),
      Type: 'SerieDataNotMatch',
      Field: doc.pathOf(key),
      Value: sent,
      Detail: "The code of one of the account's open series, or none for the default series.",
    },
  ]);
}

/** `Currency`, any letter case, EUR when absent; another must be an ISO 4217 code, else 11 CurrencyDoesNotExist. */
export function currencyCode(doc: MfReader): string {
  const code = (doc.str('Currency') ?? 'EUR').toUpperCase();
  if (CURRENCIES.has(code)) return code;
  throw new MfError(11, `The currency ${code} does not exist.`, [
    {
      FieldName: doc.pathOf('Currency'),
      Type: 'CurrencyDoesNotExist',
      Field: doc.pathOf('Currency'),
      Value: code,
      Detail: 'An ISO 4217 code (EUR, USD, …).',
    },
  ]);
}

/** `Currency` and `EuroRate`: units of the currency per euro, 0 or absent for EUR. */
function currency(doc: MfReader): { currency: string; exchangeRate: string | null } {
  const code = currencyCode(doc);
  const rate = doc.decimal('EuroRate');
  return { currency: code, exchangeRate: code === 'EUR' || !rate || Number(rate) === 0 ? null : rate };
}

/**
 * DocumentCreate's `Client`, `Document`, `IsToClose` and `SendTo` as the core's create request. `DocumentReference`
 * names the original of a credit or debit note (by its number); on another type it is the customer's reference,
 * as is `PurchaseOrder`. `Description` becomes the document's observations; `Retention` the IRS withholding
 * percentage; `TaxExemptionReasonCode` the code of the lines at 0 % that carry none. `Id` (0 for a new document)
 * is not read.
 */
export function documentCreateInput(input: MfReader, series: AccountConfig['series']): MfDocumentCreate {
  const doc = input.sub('Document') ?? input.sub('Waybill');
  if (!doc) throw MfError.field('Document', 'Required', 'The Document is required.');
  const type = documentType(doc);
  const isNote = NOTES.has(type);
  const reference = doc.str('DocumentReference');
  const products = productsOf(doc);
  if (!products.length) doc.problem('Lines', 'Required', 'A document needs at least one line.');
  const lines = products.map((p) => ({
    ...lineInput(p),
    ...(isNote && reference ? { reference: { number: reference } } : {}),
  }));
  const retention = percentage(doc, 'Retention');
  const externalId = doc.str('ExternalId');
  if (externalId && externalId.length > 50)
    doc.problem('ExternalId', 'Invalid', 'The ExternalId has at most 50 characters.');
  const finalize = input.bool('IsToClose') ?? false;
  const sendTo = input.str('SendTo');
  const { currency: code, exchangeRate } = currency(doc);
  const out: DocumentInput = {
    type,
    seriesId: seriesIdOf(doc, series),
    date: date(doc, 'Date') ?? null,
    dueDate: date(doc, 'DueDate') ?? null,
    customer: clientInput(input.sub('Client')),
    lines,
    observations: doc.str('Description') ?? null,
    reference: doc.str('PurchaseOrder') ?? (isNote ? undefined : reference) ?? null,
    currency: code,
    exchangeRate,
    withholding: retention && retention !== '0' ? { type: 'IRS', rate: retention } : null,
    exemptionCode: exemptionCode(doc) ?? null,
    finalize,
    // A draft is never e-mailed: MagniFinance sends a document when it is closed.
    sendTo: finalize ? (sendTo ?? null) : null,
  };
  input.check();
  return { input: out, externalId };
}
