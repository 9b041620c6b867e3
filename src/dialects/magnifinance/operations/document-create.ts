import { accountConfig } from '../../../app/accounts/account-config.js';
import { createDocumentOnce } from '../../../app/magnifinance/create-document-once.js';
import { DomainError } from '../../../domain/errors.js';
import { documentCreateInput } from '../document-input.js';
import { LINES_ARRAYS } from '../lines-input.js';
import { MfError } from '../mf-error.js';
import type { MfOperation } from '../operation.js';
import { CLIENT, LINES, mfComplex, mfField } from '../wsdl-types.js';

export const DOCUMENT = mfComplex('Document', [
  mfField('Date'),
  mfField('DueDate'),
  mfField('Description'),
  mfField('Type'),
  mfField('Serie'),
  mfField('Series'),
  mfField('Id', 'int'),
  mfField('TaxExemptionReasonCode'),
  mfField('DocumentReference'),
  mfField('Currency'),
  mfField('Retention', 'decimal'),
  mfField('EuroRate', 'decimal'),
  mfField('ExternalId'),
  mfField('PurchaseOrder'),
  mfField('Lines', LINES),
]);

/** The answer to a duplicate ExternalId, exactly as MagniFinance gives it (mag.ni/api_v2_1/faq). */
export function duplicateDocument(externalId: string): MfError {
  return new MfError(14, 'Duplicate Document', [
    {
      FieldName: 'DocumentDetailExternalId',
      Type: 'DocumentIsADuplicate',
      Field: 'DocumentDetailExternalId',
      Value: externalId,
      Detail: 'Duplicate Document',
    },
  ]);
}

/**
 * DocumentCreate: a document from `Client`, `Document` and its `Lines`, finalized when `IsToClose` (else a draft)
 * and e-mailed to `SendTo` through the outbox; answers its `DocumentId`.
 */
export const documentCreate: MfOperation = {
  name: 'DocumentCreate',
  service: 'invoicing',
  auth: 'Authentication',
  scope: 'issue',
  arrays: LINES_ARRAYS,
  wsdl: {
    input: [
      mfField('Client', CLIENT),
      mfField('Document', DOCUMENT),
      mfField('IsToClose', 'boolean'),
      mfField('SendTo'),
    ],
    output: mfComplex('DocumentCreateObject', [mfField('DocumentId', 'int'), mfField('ErrorMessage')]),
    doc: 'Creates a document (T, I, S, C or D), closed when IsToClose, and answers its DocumentId.',
  },
  async run(input, c) {
    const config = await accountConfig(c.db, c.ctx);
    const { input: doc, externalId } = documentCreateInput(input, config.series);
    try {
      const { id } = await createDocumentOnce(c.writes, c.db, c.ctx, doc, externalId);
      return { DocumentId: id };
    } catch (err) {
      if (err instanceof DomainError && err.meta.reason === 'duplicate_external_id')
        throw duplicateDocument(externalId!);
      throw err;
    }
  },
};
