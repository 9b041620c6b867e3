import { listCommunicatedDocuments } from '../../../app/at/list-communicated-documents.js';
import { MfError } from '../mf-error.js';
import type { MfComplex, MfOperation } from '../operation.js';

/** MagniFinance caps a page at 100 documents; more is read as 100 (as Billit's `$top` is clamped), not refused. */
export const MAX_ELEMENTS_PER_PAGE = 100;
const DEFAULT_ELEMENTS_PER_PAGE = 100;

/** Our log statuses in words: sent and accepted, refused by AT, waiting for a retry, not sent. */
const STATUS: Record<string, string> = {
  success: 'Success',
  permanent: 'Error',
  retryable: 'Pending',
  skipped: 'NotCommunicated',
};

const COMMUNICATION: MfComplex = {
  kind: 'complex',
  name: 'DocumentCommunication',
  fields: [
    { name: 'DocumentId', type: 'int' },
    { name: 'DocumentNumber', type: 'string' },
    { name: 'DocumentType', type: 'string' },
    { name: 'DocumentDate', type: 'string' },
    { name: 'Status', type: { kind: 'enum', name: 'CommunicationStatus', values: Object.values(STATUS) } },
    { name: 'ATCode', type: 'string' },
    { name: 'ReturnCode', type: 'string' },
    { name: 'ReturnMessage', type: 'string' },
    { name: 'Environment', type: 'string' },
    { name: 'CommunicationDate', type: 'string' },
  ],
};

/**
 * TaxCommunication CommunicationList(authentication, parameters{TotalElements, ElementsPerPage, CurrentPage}): the
 * documents communicated to AT, newest first, each with the status of its latest attempt. CurrentPage counts from
 * 1 (0 reads as 1); ElementsPerPage above 100 is clamped to 100; TotalElements is answered, what a client sends in it
 * is ignored.
 */
export const communicationList: MfOperation = {
  name: 'CommunicationList',
  service: 'tax',
  auth: 'authentication',
  scope: 'read',
  wsdl: {
    doc: 'The documents communicated to AT with the status of each, paged (at most 100 per page).',
    input: [
      {
        name: 'parameters',
        type: {
          kind: 'complex',
          name: 'CommunicationListParameters',
          fields: [
            { name: 'TotalElements', type: 'int' },
            { name: 'ElementsPerPage', type: 'int' },
            { name: 'CurrentPage', type: 'int' },
          ],
        },
      },
    ],
    output: {
      kind: 'complex',
      name: 'CommunicationListResult',
      fields: [
        { name: 'TotalElements', type: 'int' },
        { name: 'ElementsPerPage', type: 'int' },
        { name: 'CurrentPage', type: 'int' },
        { name: 'TotalPages', type: 'int' },
        {
          name: 'Communications',
          type: {
            kind: 'array',
            name: 'ArrayOfDocumentCommunication',
            item: 'DocumentCommunication',
            of: COMMUNICATION,
          },
        },
      ],
    },
  },
  async run(input, call) {
    const p = input.sub('parameters', 'Parameters');
    const perPage = p?.int('ElementsPerPage');
    const page = p?.int('CurrentPage');
    p?.int('TotalElements');
    if (perPage !== undefined && perPage < 0)
      throw MfError.field('parameters.ElementsPerPage', 'Invalid', 'Between 1 and 100.', String(perPage));
    if (page !== undefined && page < 0)
      throw MfError.field('parameters.CurrentPage', 'Invalid', 'A page number from 1.', String(page));
    input.check();
    const req = {
      page: Math.max(1, page ?? 1),
      perPage: Math.min(MAX_ELEMENTS_PER_PAGE, perPage || DEFAULT_ELEMENTS_PER_PAGE),
    };
    const r = await listCommunicatedDocuments(call.db, call.accountId, req);
    return {
      TotalElements: r.total,
      ElementsPerPage: r.perPage,
      CurrentPage: r.page,
      TotalPages: r.totalPages,
      Communications: {
        DocumentCommunication: r.items.map((d) => ({
          DocumentId: d.documentId,
          DocumentNumber: d.number ?? '',
          DocumentType: d.docType,
          DocumentDate: d.date,
          Status: STATUS[d.status] ?? d.status,
          ATCode: d.atCode ?? '',
          ReturnCode: d.returnCode ?? '',
          ReturnMessage: d.returnMessage ?? '',
          Environment: d.environment,
          CommunicationDate: d.communicatedAt,
        })),
      },
    };
  },
};
