import { Decimal } from 'decimal.js';
import { documentState } from '../../../app/magnifinance/document-state.js';
import { documentIdOf } from '../document-id.js';
import { MfError } from '../mf-error.js';
import type { MfOperation } from '../operation.js';
import { mfComplex, mfField } from '../wsdl-types.js';

/** `20,00`: MagniFinance's amounts in this answer are text with a decimal comma and two decimals. */
export const mfAmount = (v: string): string => new Decimal(v).toFixed(2).replace('.', ',');

/** NoPayment, Incomplete or Complete, from the amount left to pay of the amount to pay. */
export function paymentStatus(payable: string, open: string): 'NoPayment' | 'Incomplete' | 'Complete' {
  const left = new Decimal(open);
  if (left.lte(0)) return 'Complete';
  return left.gte(payable) ? 'NoPayment' : 'Incomplete';
}

/**
 * DocumentGetProperty `paymentstatus` (any letter case): whether a closed document is paid, with its total and the
 * amount left as `"20,00"` strings. Another property is 07 TypeInvalid; a draft has no payment status (06).
 */
export const documentGetProperty: MfOperation = {
  name: 'DocumentGetProperty',
  service: 'invoicing',
  auth: 'Authentication',
  scope: 'read',
  response: 'ResponseDocumentGetProperty',
  wsdl: {
    input: [mfField('DocumentId', 'int'), mfField('DocumentProperty')],
    output: mfComplex('DocumentGetPropertyObject', [
      mfField('PaymentStatus'),
      mfField('TotalAmount'),
      mfField('UnpaidAmount'),
      mfField('ErrorMessage'),
    ]),
    doc: 'A property of a document: paymentstatus (NoPayment, Incomplete or Complete, with the amounts).',
  },
  async run(input, c) {
    const id = documentIdOf(input);
    const property = (input.str('DocumentProperty', 'Property') ?? 'paymentstatus').toLowerCase();
    if (property !== 'paymentstatus')
      throw new MfError(7, `The property ${property} is not known: paymentstatus.`, [
        {
          FieldName: 'DocumentProperty',
          Type: 'TypeInvalid',
          Field: 'DocumentProperty',
          Value: property,
          Detail: 'paymentstatus',
        },
      ]);
    const doc = await documentState(c.db, c.accountId, id);
    if (doc.status === 'draft')
      throw MfError.notFound('document', 'The document is not closed: a draft has no payment status.');
    return {
      PaymentStatus: paymentStatus(doc.payableTotal, doc.openBalance),
      TotalAmount: mfAmount(doc.payableTotal),
      UnpaidAmount: mfAmount(doc.openBalance),
    };
  },
};
