import { accountConfig } from '../../../app/accounts/account-config.js';
import { communicateTransportNow } from '../../../app/at/communicate-transport-now.js';
import { getDocument } from '../../../app/documents/get-document.js';
import { issueDocument } from '../../../app/documents/issue-document.js';
import { DomainError } from '../../../domain/errors.js';
import { latestTransportStart, transportStartTooFar } from '../../../domain/pt/transport-start.js';
import { MfError } from '../mf-error.js';
import type { MfOperation } from '../operation.js';
import { CLIENT, LINES, mfComplex, mfField } from '../wsdl-types.js';
import { withFieldNames } from './renamed-fields.js';
import { WAYBILL_ARRAYS, waybillInput } from './waybill-input.js';

const ADDRESS = mfComplex('WaybillAddress', [
  mfField('AddressDetail'),
  mfField('City'),
  mfField('PostalCode'),
  mfField('CountryCode'),
]);

export const WAYBILL = mfComplex('Waybill', [
  mfField('Date'),
  mfField('DueDate'),
  mfField('Description'),
  mfField('Type'),
  mfField('Serie'),
  mfField('Series'),
  mfField('TaxExemptionReasonCode'),
  mfField('Currency'),
  mfField('Retention', 'decimal'),
  mfField('Lines', LINES),
  mfField('LoadDateTime'),
  mfField('LoadAddress', ADDRESS),
  mfField('DestinationAddress', ADDRESS),
  mfField('VehicleLicence'),
]);

/** The core's transport fields as the Waybill names them, in the errors the core raises. */
const WAYBILL_FIELDS: Record<string, string> = {
  loadAt: 'Waybill.LoadDateTime',
  loadAddress: 'Waybill.LoadAddress',
  unloadAddress: 'Waybill.DestinationAddress',
  vehiclePlate: 'Waybill.VehicleLicence',
};

/**
 * WaybillCreate: a transport document (GT unless `Type` says otherwise) from `Client`, `Waybill` and its `Lines`,
 * closed when `IsToClose` (else a draft). A closed waybill of an account with AT credentials is communicated to AT
 * at once, since the goods may not leave before AT gave its code (RBC, DL 147/2003, art. 5.º n.º 5): the answer
 * carries `ATCode`. Without credentials, or when AT does not answer (then the communication is queued and retried),
 * `ATCode` is empty and `ErrorMessage` says why. AT refusing it is error 14 with AT's message; the waybill stays
 * created and closed (its DocumentId is in the error), to be corrected by a new one or sent again.
 */
export const waybillCreate: MfOperation = {
  name: 'WaybillCreate',
  service: 'invoicing',
  auth: 'Authentication',
  scope: 'issue',
  arrays: WAYBILL_ARRAYS,
  wsdl: {
    input: [mfField('Client', CLIENT), mfField('Waybill', WAYBILL), mfField('IsToClose', 'boolean')],
    output: mfComplex('WaybillCreateObject', [
      mfField('DocumentId', 'int'),
      mfField('DocumentNumber'),
      mfField('ATCode'),
      mfField('ErrorMessage'),
    ]),
    doc: 'Creates a transport document (GT by default), closed when IsToClose and then communicated to AT: answers DocumentId, DocumentNumber and ATCode.',
  },
  async run(input, c) {
    const config = await accountConfig(c.db, c.ctx);
    const doc = waybillInput(input, config.series);
    // Refused before it is numbered: AT would refuse its communication (-21), leaving a closed waybill without a code.
    if (doc.finalize && doc.loadAt && transportStartTooFar(doc.loadAt, c.ctx.now))
      throw MfError.field(
        'Waybill.LoadDateTime',
        'Invalid',
        `AT takes a start of transport at most 3 months ahead (until ${latestTransportStart(c.ctx.now)}).`,
        doc.loadAt,
      );
    let created;
    try {
      created = await issueDocument(c.writes, c.db, c.ctx, doc);
    } catch (err) {
      // DocumentCreate's map names `Document.*`: here they are the Waybill's.
      throw withFieldNames(err, WAYBILL_FIELDS, (f) => f.replace(/^Document\./, 'Waybill.'));
    }
    const id = created.id;
    if (!doc.finalize) return { DocumentId: id, DocumentNumber: '', ATCode: '', ErrorMessage: '' };
    const number = (created.view ?? (await getDocument(c.db, c.accountId, id))).doc.doc_no ?? '';
    const answer = (atCode: string | null, message = '') => ({
      DocumentId: id,
      DocumentNumber: number,
      ATCode: atCode ?? '',
      ErrorMessage: message,
    });
    try {
      const r = await communicateTransportNow(c.db, c.kit.services.at(), c.ctx, id);
      if (r.queued) return answer(null, `AT did not answer (${r.message}): the communication is queued and retried.`);
      return answer(r.atCode, r.atCode ? '' : r.message);
    } catch (err) {
      if (err instanceof DomainError && err.code === 'at_not_configured')
        return answer(null, `Not communicated to AT: ${err.message.replace('PUT /v1/at/settings', 'ActivationSet')}`);
      if (err instanceof DomainError && err.code === 'at_rejected')
        throw new MfError(14, `${err.message} The waybill was created and closed: DocumentId ${id}.`, [
          {
            FieldName: 'Waybill',
            Type: 'ATRefused',
            Field: 'DocumentId',
            Value: String(id),
            Detail: err.message,
          },
        ]);
      throw err;
    }
  },
};
