import { cancelOrDelete } from '../../../app/magnifinance/cancel-or-delete.js';
import { documentIdOf } from '../document-id.js';
import type { MfOperation } from '../operation.js';
import { mfComplex, mfField } from '../wsdl-types.js';

/**
 * DocumentCancel: cancels a closed document through the core (with `Reason` when sent, else a default text: the
 * law requires one, MagniFinance's request has none); a draft is deleted. Answers the DocumentId.
 */
export const documentCancel: MfOperation = {
  name: 'DocumentCancel',
  service: 'invoicing',
  auth: 'Authentication',
  scope: 'issue',
  wsdl: {
    input: [mfField('DocumentId', 'int'), mfField('Reason')],
    output: mfComplex('DocumentCancelObject', [mfField('DocumentId', 'int'), mfField('ErrorMessage')]),
    doc: 'Cancels a closed document (a draft is deleted).',
  },
  async run(input, c) {
    const id = documentIdOf(input);
    const reason = input.str('Reason');
    await c.docTx((tx) => cancelOrDelete(tx, c.ctx, id, reason));
    return { DocumentId: id };
  },
};
