import type { DomainError, FieldIssue } from '../../domain/errors.js';
import { MfError, type MfErrorCode, type MfValidationError } from './mf-error.js';

/** The core's field names in MagniFinance's words (`lines[2].taxRate` → `Document.Lines.2.TaxValue`). */
const FIELD_NAMES: Record<string, string> = {
  type: 'Document.Type',
  date: 'Document.Date',
  dueDate: 'Document.DueDate',
  currency: 'Document.Currency',
  exchangeRate: 'Document.EuroRate',
  series: 'Document.Serie',
  seriesId: 'Document.Serie',
  exemptionCode: 'Document.TaxExemptionReasonCode',
  'withholding.rate': 'Document.Retention',
  reference: 'Document.PurchaseOrder',
  observations: 'Document.Description',
  relatedDocumentId: 'Document.DocumentReference',
  sendTo: 'SendTo',
  customer: 'Client',
  contactId: 'Client',
  'customer.taxId': 'Client.NIF',
  'customer.name': 'Client.Name',
  'customer.email': 'Client.Email',
  'customer.postalCode': 'Client.PostCode',
  'customer.country': 'Client.CountryCode',
  lines: 'Document.Lines',
};

const LINE_FIELDS: Record<string, string> = {
  taxRate: 'TaxValue',
  taxId: 'TaxValue',
  unitPrice: 'UnitPrice',
  quantity: 'Quantity',
  description: 'Description',
  code: 'Code',
  unit: 'Unit',
  discounts: 'ProductDiscount',
  productType: 'Type',
  exemptionCode: 'TaxExemptionReasonCode',
  reference: 'Document.DocumentReference',
};

/** A core field path as MagniFinance names it, and the line it is on. */
export function mfField(field: string): { name: string; element?: number } {
  const line = /^lines\[(\d+)\](?:\.(\w+))?/.exec(field);
  if (line) {
    const element = Number(line[1]);
    const name = line[2] ? (LINE_FIELDS[line[2]] ?? line[2]) : 'APIInvoicingProduct';
    return { name: name.includes('.') ? name : `Document.Lines.${element}.${name}`, element };
  }
  return { name: FIELD_NAMES[field] ?? field };
}

function validationErrors(details: FieldIssue[]): MfValidationError[] {
  return details.map((d) => {
    const f = mfField(d.field);
    return {
      FieldName: f.name,
      ElementNumber: f.element,
      Type: d.issue === 'required' ? 'Required' : d.issue === 'not_unique' ? 'Duplicate' : 'Invalid',
      Field: f.name,
      Value: d.value,
      Detail: d.message,
    };
  });
}

/** Which of MagniFinance's codes a domain error is: by its code, then by the resource or field it is about. */
function codeOf(err: DomainError): MfErrorCode {
  const fields = err.details.map((d) => d.field);
  const about = (re: RegExp) => fields.some((f) => re.test(f));
  switch (err.code) {
    case 'unauthenticated':
    case 'forbidden':
      return 1;
    case 'invalid_tax_id':
      return 4;
    case 'exemption_required':
    case 'exemption_invalid':
    case 'exemption_not_allowed':
      return 10;
    case 'series_not_registered':
    case 'series_inactive':
    case 'invalid_series_code':
    case 'date_before_last_in_series':
      return 18;
    case 'not_found':
      if (err.meta.resource === 'tax') return 22;
      if (err.meta.resource === 'series') return 18;
      return 6;
    case 'conflict':
    case 'in_use':
    case 'at_rejected':
    case 'at_unavailable':
    case 'document_not_draft':
    case 'document_not_final':
    case 'document_already_cancelled':
    case 'document_has_payments':
    case 'document_has_rectifications':
    case 'document_converted':
    case 'document_not_deletable':
      return 14;
    default:
      if (about(/^currency$/)) return 11;
      if (about(/exemptionCode$/)) return 10;
      if (about(/taxRate$|^withholding|discounts/)) return 22;
      if (about(/^series/)) return 18;
      if (about(/taxId$/)) return 4;
      return 2;
  }
}

/** A domain error in MagniFinance's terms. `rateLimited`: the server's rate limit (a 429 over REST). */
export function mfErrorOf(err: DomainError, rateLimited = false): MfError {
  if (rateLimited) return new MfError(2, err.message, [], 429);
  return new MfError(codeOf(err), err.message, validationErrors(err.details));
}
