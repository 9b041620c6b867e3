import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { pageRequest } from '../../app/pagination.js';
import { decidePurchaseDocument, REASON_MAX } from '../../app/purchases/decide-purchase-document.js';
import { findPurchaseByTransmission } from '../../app/purchases/find-purchase-by-transmission.js';
import { getPurchaseDocument } from '../../app/purchases/get-purchase-document.js';
import { getPurchaseFile } from '../../app/purchases/get-purchase-file.js';
import { listPurchaseDocuments } from '../../app/purchases/list-purchase-documents.js';
import type { PurchaseDocumentView } from '../../app/purchases/purchase-view.js';
import { receiveEinvoice } from '../../app/purchases/receive-einvoice.js';
import { recordPurchaseDocument } from '../../app/purchases/record-purchase-document.js';
import { formatParticipantId } from '../../domain/einvoice/peppol-ids.js';
import { DomainError } from '../../domain/errors.js';
import { isSbd, SbdhError, unwrapSbd } from '../../exports/einvoice/sbdh.js';
import { EINVOICE_MAX_BYTES } from '../../exports/einvoice/validate/index.js';
import { ctxOf, principalOf } from '../kit/request-context.js';
import type { RouteDeps } from './deps.js';
import { op } from './operation.js';
import { IdParams, IsoDate } from './schemas.js';

const tags = ['einvoices'];
const N = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Str = Type.String();
const Amount = N(Type.String({ description: 'A decimal as stated in the e-invoice', examples: ['934.00'] }));

const ReceivedDocument = Type.Object(
  {
    id: Type.Integer(),
    source: Type.String({ description: 'peppol (pushed by the gateway or pulled from the inbox), upload, dialect' }),
    transmissionId: N(Type.String({ description: 'The access point’s id: a second delivery of it is not stored' })),
    sender: N(Type.String({ description: 'The sender’s Peppol participant id, e.g. 0208:0412345614' })),
    receiver: N(Str),
    syntax: Type.Union([Type.Literal('ubl'), Type.Literal('cii')]),
    typeCode: N(Type.String({ description: 'BT-3, UNTDID 1001: 380 invoice, 381 credit note…' })),
    number: N(Type.String({ description: 'BT-1' })),
    issueDate: N(IsoDate),
    dueDate: N(IsoDate),
    currency: N(Str),
    supplier: Type.Object({ name: N(Str), vatId: N(Type.String({ description: 'BT-31' })) }),
    totals: Type.Object({
      net: Amount,
      tax: Amount,
      gross: Amount,
      payable: Amount,
    }),
    pdf: N(Type.Object({ filename: N(Str) }, { description: 'The PDF embedded in the e-invoice (GET …/pdf)' })),
    validation: Type.Object(
      {
        valid: Type.Boolean(),
        fatal: Type.Integer({ description: 'Fatal findings and schema errors' }),
        messages: Type.Array(Str, { description: 'The first of them' }),
      },
      { description: 'XSD + EN 16931 (+ Peppol BIS) as received; an invalid document is kept all the same' },
    ),
    status: Type.Union([Type.Literal('received'), Type.Literal('accepted'), Type.Literal('refused')]),
    decisionReason: N(Str),
    decidedAt: N(Type.String({ format: 'date-time' })),
    responseStatus: N(
      Type.Union([Type.Literal('pending'), Type.Literal('sent'), Type.Literal('unsupported'), Type.Literal('failed')], {
        description: 'The Peppol Invoice Response of the decision',
      }),
    ),
    responseError: N(Str),
    receivedAt: Type.String({ format: 'date-time' }),
  },
  { description: 'An e-invoice received by the account' },
);

const ReceivedPage = Type.Object({
  data: Type.Array(ReceivedDocument),
  pagination: Type.Object({
    page: Type.Integer(),
    perPage: Type.Integer(),
    total: Type.Integer(),
    totalPages: Type.Integer(),
  }),
});

const XML_BODY = { schema: { type: 'string', contentMediaType: 'application/xml' } };
const STATUSES = ['received', 'accepted', 'refused'] as const;
type Status = (typeof STATUSES)[number];

const fileName = (d: { number: string | null }, id: number, ext: string) =>
  `${(d.number ?? `received-${id}`).replace(/[^\w.-]+/g, '_')}.${ext}`;
/** The names come from the supplier's XML: ASCII-safe in `filename`, exact (percent-encoded) in `filename*`. */
const disposition = (name: string) =>
  `attachment; filename="${name.replace(/[^\w. -]+/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;

/** Received e-invoices (issue #16 §3, reception): the inbox, the decision, and the gateway's push. */
export const inboxRoutes: FastifyPluginAsync<RouteDeps> = async (root, { db, services }) => {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const acc = (r: Parameters<typeof principalOf>[0]) => principalOf(r).accountId;
  app.addContentTypeParser(
    ['application/xml', 'text/xml'],
    { parseAs: 'string', bodyLimit: EINVOICE_MAX_BYTES },
    (_req, body, done) => done(null, body),
  );

  app.get(
    '/inbox',
    {
      schema: {
        ...op({
          id: 'listInbox',
          tags,
          summary: 'Received e-invoices, newest first',
          ok: { status: 200, schema: ReceivedPage, description: 'A page of received documents' },
        }),
        querystring: Type.Object({
          status: Type.Optional(Type.String({ description: 'received, accepted, refused (comma-separated)' })),
          sender: Type.Optional(Type.String({ maxLength: 100, description: 'The sender’s participant id, exactly' })),
          from: Type.Optional(IsoDate),
          to: Type.Optional(IsoDate),
          page: Type.Optional(Type.Integer({ minimum: 1 })),
          perPage: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
        }),
      },
    },
    async (request) => {
      const q = request.query;
      const statuses = q.status
        ?.split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      const bad = statuses?.find((s) => !(STATUSES as readonly string[]).includes(s));
      if (bad)
        throw new DomainError('validation', `Unknown status ${bad}.`, [
          { field: 'querystring.status', issue: 'invalid', message: `One of ${STATUSES.join(', ')}.` },
        ]);
      const page = await listPurchaseDocuments(
        db,
        acc(request),
        { statuses: statuses as Status[] | undefined, sender: q.sender, receivedFrom: q.from, receivedTo: q.to },
        pageRequest(q.page, q.perPage),
      );
      return {
        data: page.items,
        pagination: { page: page.page, perPage: page.perPage, total: page.total, totalPages: page.totalPages },
      };
    },
  );

  app.get(
    '/inbox/:id',
    {
      schema: {
        ...op({
          id: 'getInboxDocument',
          tags,
          summary: 'A received e-invoice',
          ok: { status: 200, schema: ReceivedDocument, description: 'The document' },
        }),
        params: IdParams,
      },
    },
    async (request) => getPurchaseDocument(db, acc(request), request.params.id),
  );

  app.get(
    '/inbox/:id/xml',
    {
      exposeHeadRoute: false,
      schema: {
        ...op({
          id: 'getInboxDocumentXml',
          tags,
          summary: 'The e-invoice as received, byte for byte',
          ok: { status: 200, description: 'The XML' },
          openapi: { responses: { 200: { description: 'The XML', content: { 'application/xml': XML_BODY } } } },
        }),
        params: IdParams,
      },
    },
    async (request, reply) => {
      const f = await getPurchaseFile(db, acc(request), request.params.id, 'xml');
      if (f.kind !== 'xml') throw new Error('unreachable');
      return reply
        .type('application/xml; charset=utf-8')
        .header('content-disposition', disposition(fileName(f, request.params.id, 'xml')))
        .send(f.xml);
    },
  );

  app.get(
    '/inbox/:id/pdf',
    {
      exposeHeadRoute: false,
      schema: {
        ...op({
          id: 'getInboxDocumentPdf',
          tags,
          summary: 'The PDF embedded in the received e-invoice (404 when it had none)',
          ok: { status: 200, description: 'The PDF' },
          openapi: {
            responses: {
              200: {
                description: 'The PDF',
                content: { 'application/pdf': { schema: { type: 'string', contentMediaType: 'application/pdf' } } },
              },
            },
          },
        }),
        params: IdParams,
      },
    },
    async (request, reply) => {
      const f = await getPurchaseFile(db, acc(request), request.params.id, 'pdf');
      if (f.kind !== 'pdf') throw new Error('unreachable');
      return reply
        .type('application/pdf')
        .header('content-disposition', disposition(f.filename ?? fileName(f, request.params.id, 'pdf')))
        .send(Buffer.from(f.bytes));
    },
  );

  const decide = async (
    request: Parameters<typeof ctxOf>[0] & { params: { id: number } },
    accept: boolean,
    reason: string | undefined,
  ): Promise<PurchaseDocumentView> => {
    const view = await db
      .transaction()
      .execute((tx) =>
        decidePurchaseDocument(
          tx,
          ctxOf(request),
          request.params.id,
          accept ? { accept: true, reason } : { accept: false, reason: reason ?? '' },
        ),
      );
    services.pokeWorker();
    return view;
  };

  app.post(
    '/inbox/:id/accept',
    {
      schema: {
        ...op({
          id: 'acceptInboxDocument',
          tags,
          summary: 'Accept a received e-invoice (a Peppol Invoice Response AP goes back to the supplier)',
          ok: { status: 200, schema: ReceivedDocument, description: 'The document, accepted' },
          errors: [409],
        }),
        description:
          'Decided once: a document already accepted or refused answers 409. Over Peppol, the Invoice Response is sent ' +
          'by the outbox through the account’s access point (responseStatus pending → sent, failed), or `unsupported` ' +
          'where the access point sends none.',
        params: IdParams,
      },
    },
    async (request) => decide(request, true, undefined),
  );

  app.post(
    '/inbox/:id/refuse',
    {
      schema: {
        ...op({
          id: 'refuseInboxDocument',
          tags,
          summary: 'Refuse a received e-invoice with a reason (a Peppol Invoice Response RE carries it back)',
          ok: { status: 200, schema: ReceivedDocument, description: 'The document, refused' },
          errors: [409],
        }),
        params: IdParams,
        body: Type.Object(
          { reason: Type.String({ minLength: 1, maxLength: REASON_MAX, description: 'Sent to the supplier' }) },
          { additionalProperties: false, examples: [{ reason: 'Unknown purchase order PO-4711' }] },
        ),
      },
    },
    async (request) => decide(request, false, request.body.reason),
  );

  app.post(
    '/peppol/inbound',
    {
      bodyLimit: EINVOICE_MAX_BYTES,
      schema: {
        ...op({
          id: 'receivePeppolDocument',
          tags,
          summary: 'Where a Peppol gateway pushes a received document (SBDH-wrapped or bare UBL/CII)',
          ok: {
            status: 201,
            schema: ReceivedDocument,
            description: 'Stored (200: that transmission was stored before)',
          },
          openapi: {
            requestBody: { required: true, content: { 'application/xml': XML_BODY, 'text/xml': XML_BODY } },
            responses: {
              200: {
                description: 'That transmission was stored before: the stored document, nothing stored again',
                content: { 'application/json': { schema: ReceivedDocument } },
              },
            },
          },
        }),
        description:
          'Authenticated by an API key of the receiving account (scope issue). The SBDH gives the transmission ' +
          '(InstanceIdentifier), sender and receiver; a bare document may name its transmission in the ' +
          'Peppol-Transmission-Id header. The e-invoice is validated and kept even when invalid (validation.fatal); ' +
          'what is not XML, or not an Invoice, CreditNote or CrossIndustryInvoice, is refused with 422.',
        headers: Type.Object({ 'peppol-transmission-id': Type.Optional(Type.String({ maxLength: 200 })) }),
      },
    },
    async (request, reply) => {
      if (typeof request.body !== 'string')
        throw new DomainError('validation', 'Send the document as application/xml.', [
          { field: 'body', issue: 'invalid', message: 'An SBDH-wrapped or bare UBL/CII document (application/xml).' },
        ]);
      let xml = request.body;
      let envelope: ReturnType<typeof unwrapSbd> | null = null;
      if (isSbd(xml)) {
        try {
          envelope = unwrapSbd(xml);
        } catch (err) {
          if (!(err instanceof SbdhError)) throw err;
          throw new DomainError('validation', err.message, [{ field: 'body', issue: 'sbdh', message: err.message }]);
        }
        xml = envelope.xml;
      }
      const accountId = acc(request);
      const transmissionId = envelope?.instanceId ?? request.headers['peppol-transmission-id'] ?? null;
      const stored = await findPurchaseByTransmission(db, accountId, transmissionId);
      if (stored) return sendCreated(reply, false, stored);
      const received = await receiveEinvoice(services.purchases(), xml);
      const { created, document } = await db.transaction().execute((tx) =>
        recordPurchaseDocument(tx, accountId, received, {
          source: 'peppol',
          transmissionId,
          sender: envelope ? formatParticipantId(envelope.sender) : null,
          receiver: envelope ? formatParticipantId(envelope.receiver) : null,
          receivedAt: new Date(),
        }),
      );
      if (created) services.pokeWorker();
      return sendCreated(reply, created, document);
    },
  );
};

function sendCreated(reply: FastifyReply, created: boolean, document: PurchaseDocumentView) {
  return reply
    .status(created ? 201 : 200)
    .header('location', `/v1/inbox/${document.id}`)
    .send(document);
}
