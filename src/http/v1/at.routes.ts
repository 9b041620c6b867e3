import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { annulSeriesAt } from '../../app/at/annul-series-at.js';
import { communicateDocumentNow } from '../../app/at/communicate-document-now.js';
import { finalizeSeriesAt } from '../../app/at/finalize-series-at.js';
import { getAtSettings } from '../../app/at/get-at-settings.js';
import { listAtCommunications } from '../../app/at/list-at-communications.js';
import { listSeriesRegistrations } from '../../app/at/list-series-registrations.js';
import { registerSeriesAt } from '../../app/at/register-series-at.js';
import { setAtCode } from '../../app/at/set-at-code.js';
import { testAtConnection } from '../../app/at/test-at-connection.js';
import { updateAtSettings } from '../../app/at/update-at-settings.js';
import { getDocument } from '../../app/documents/get-document.js';
import { pageRequest } from '../../app/pagination.js';
import { getSeries } from '../../app/series/get-series.js';
import { DomainError } from '../../domain/errors.js';
import { ctxOf, principalOf } from '../kit/request-context.js';
import { documentJson, isoInstant } from './document-view.js';
import { IdParams, IsoDate, PageQuery } from './schemas.js';
import { op } from './operation.js';
import type { RouteDeps } from './deps.js';

const tags = ['AT communication'];
/** A string or null. One JSON-schema type list rather than anyOf: with type coercion, anyOf would turn "" into null. */
const NullableString = (opts: { minLength?: number; maxLength: number; description?: string }) =>
  Type.Unsafe<string | null>({ type: ['string', 'null'], ...opts });
const Instant = Type.String({
  pattern: '^\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:\\d{2})?)?$',
  description: 'YYYY-MM-DD or an ISO 8601 instant (UTC unless zoned)',
});
const STATUSES = ['success', 'retryable', 'permanent', 'skipped'] as const;

const SettingsBody = Type.Object(
  {
    environment: Type.Optional(
      Type.Union([Type.Literal('test'), Type.Literal('production')], {
        description: 'Which AT endpoints the account uses',
      }),
    ),
    username: Type.Optional(
      NullableString({
        minLength: 1,
        maxLength: 30,
        description: 'AT sub-user, NIF/n (e.g. 503340855/1); null removes the credentials',
      }),
    ),
    password: Type.Optional(
      NullableString({
        minLength: 1,
        maxLength: 256,
        description: 'The sub-user password; stored encrypted, never returned',
      }),
    ),
    transportEnabled: Type.Optional(
      Type.Boolean({ description: 'Communicate transport documents automatically when finalized' }),
    ),
    invoicesEnabled: Type.Optional(
      Type.Boolean({ description: 'Communicate invoices (RegisterInvoice / ChangeInvoiceStatus) automatically' }),
    ),
  },
  {
    additionalProperties: false,
    examples: [{ environment: 'test', username: '503340855/1', password: 'senha', transportEnabled: true }],
  },
);

const csv = (v: string | undefined) =>
  v
    ? v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : undefined;

function communicationJson(r: Awaited<ReturnType<typeof listAtCommunications>>['items'][number]) {
  return {
    id: r.id,
    documentId: r.document_id,
    seriesId: r.series_id,
    service: r.service,
    operation: r.operation,
    environment: r.environment,
    status: r.status,
    returnCode: r.return_code,
    returnMessage: r.return_message,
    atCode: r.at_code,
    httpStatus: r.http_status,
    request: r.request,
    response: r.response,
    jobId: r.job_id,
    attempt: r.attempt,
    durationMs: r.duration_ms,
    startedAt: isoInstant(r.started_at),
    finishedAt: isoInstant(r.finished_at),
  };
}

/** AT settings, series registration, document communication and its log (native API). */
export const atRoutes: FastifyPluginAsync<RouteDeps> = async (root, { db, services }) => {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  // Built on first use: the SOAP client loads when an AT route is first called.
  const at = () => services.at();
  const acc = (r: Parameters<typeof principalOf>[0]) => principalOf(r).accountId;

  app.get(
    '/at/settings',
    {
      schema: op({
        id: 'getAtSettings',
        tags,
        summary: 'The account’s AT settings (the password is never returned)',
        ok: { status: 200, schema: 'AtSettings', description: 'The settings' },
      }),
    },
    async (request) => getAtSettings(db, at(), acc(request)),
  );

  app.put(
    '/at/settings',
    {
      schema: {
        ...op({
          id: 'setAtSettings',
          tags,
          summary: 'Set the AT sub-user, password, environment and automatic communication',
          ok: { status: 200, schema: 'AtSettings', description: 'The settings' },
          errors: [409],
        }),
        body: SettingsBody,
      },
    },
    async (request) => {
      const accountId = acc(request);
      await db.transaction().execute((tx) => updateAtSettings(tx, at(), accountId, request.body));
      return getAtSettings(db, at(), accountId);
    },
  );

  app.post(
    '/at/test-connection',
    {
      schema: op({
        id: 'testAtConnection',
        tags,
        summary: 'Check the stored credentials against AT (SeriesWS consultarSeries)',
        ok: { status: 200, schema: 'AtConnectionTest', description: 'What AT answered' },
        errors: [409],
      }),
    },
    async (request) => {
      const ctx = ctxOf(request);
      return testAtConnection(db, at(), ctx.accountId, ctx.now);
    },
  );

  app.get(
    '/at/communications',
    {
      schema: {
        ...op({
          id: 'listAtCommunications',
          tags,
          summary: 'The AT communication log, newest first',
          ok: { status: 200, schema: 'AtCommunicationPage', description: 'A page of communications' },
        }),
        querystring: Type.Object({
          ...PageQuery,
          documentId: Type.Optional(Type.Integer({ minimum: 1 })),
          seriesId: Type.Optional(Type.Integer({ minimum: 1 })),
          status: Type.Optional(
            Type.String({ maxLength: 100, description: 'Comma-separated: success,retryable,permanent,skipped' }),
          ),
          operation: Type.Optional(
            Type.String({
              maxLength: 300,
              description: 'Comma-separated, e.g. envioDocumentoTransporte,RegisterInvoice,registarSerie',
            }),
          ),
          service: Type.Optional(
            Type.String({ maxLength: 100, description: 'Comma-separated: series,transport,invoices' }),
          ),
          from: Type.Optional(Instant),
          to: Type.Optional(Instant),
        }),
      },
    },
    async (request) => {
      const q = request.query;
      const statuses = csv(q.status);
      const bad = statuses?.filter((s) => !(STATUSES as readonly string[]).includes(s));
      if (bad?.length)
        throw new DomainError('validation', 'Unknown status.', [
          {
            field: 'querystring.status',
            issue: 'invalid',
            message: `One or more of ${STATUSES.join(', ')}.`,
            value: bad.join(','),
          },
        ]);
      const services = csv(q.service);
      const badService = services?.filter((s) => !['series', 'transport', 'invoices'].includes(s));
      if (badService?.length)
        throw new DomainError('validation', 'Unknown service.', [
          {
            field: 'querystring.service',
            issue: 'invalid',
            message: 'One or more of series, transport, invoices.',
            value: badService.join(','),
          },
        ]);
      const page = await listAtCommunications(
        db,
        acc(request),
        {
          documentId: q.documentId,
          seriesId: q.seriesId,
          statuses: statuses as never,
          operations: csv(q.operation),
          services,
          from: q.from,
          to: q.to,
        },
        pageRequest(q.page, q.perPage),
      );
      return {
        data: page.items.map(communicationJson),
        pagination: { page: page.page, perPage: page.perPage, total: page.total, totalPages: page.totalPages },
      };
    },
  );

  const seriesView = async (accountId: number, id: number) => {
    const s = await getSeries(db, accountId, id);
    const regs = await listSeriesRegistrations(db, accountId, id);
    return {
      id: s.id,
      code: s.code,
      kind: s.kind,
      status: s.status,
      docTypes: s.docTypes.map((t) => ({
        type: t.doc_type,
        validationCode: t.validation_code,
        lastNumber: t.last_number,
      })),
      atRegistrations: regs.map((r) => ({
        docType: r.doc_type,
        environment: r.environment,
        validationCode: r.validation_code,
        state: r.state,
        firstNumber: r.first_number,
      })),
    };
  };

  app.post(
    '/series/:id/register',
    {
      schema: {
        ...op({
          id: 'registerSeriesAt',
          tags,
          summary:
            'Register a series for a document type with AT (SeriesWS registarSerie) and keep its validation code',
          ok: { status: 200, schema: 'SeriesRegistration', description: 'The registration' },
          errors: [409, 503],
        }),
        params: IdParams,
        body: Type.Object(
          { docType: Type.String({ minLength: 1, maxLength: 3 }), startDate: Type.Optional(IsoDate) },
          { additionalProperties: false, examples: [{ docType: 'FT' }] },
        ),
      },
    },
    async (request) => {
      const ctx = ctxOf(request);
      const registration = await registerSeriesAt(db, at(), ctx, request.params.id, request.body);
      return { registration, series: await seriesView(ctx.accountId, request.params.id) };
    },
  );

  app.post(
    '/series/:id/finalize-at',
    {
      schema: {
        ...op({
          id: 'finalizeSeriesAt',
          tags,
          summary: 'Finalize a series here and at AT (SeriesWS finalizarSerie for every registered type)',
          ok: { status: 200, schema: 'SeriesFinalization', description: 'The outcome per type' },
          errors: [409, 503],
        }),
        params: IdParams,
        body: Type.Object(
          { justification: Type.Optional(Type.String({ maxLength: 200 })) },
          { additionalProperties: false, examples: [{ justification: 'Fim do ano' }] },
        ),
      },
      // The body is optional: a bodiless POST validates as an empty object.
      preValidation: async (request) => {
        request.body ??= {};
      },
    },
    async (request) => {
      const ctx = ctxOf(request);
      const result = await finalizeSeriesAt(db, at(), ctx, request.params.id, request.body ?? {});
      return { ...result, series: await seriesView(ctx.accountId, request.params.id) };
    },
  );

  app.post(
    '/series/:id/annul-at',
    {
      schema: {
        ...op({
          id: 'annulSeriesAt',
          tags,
          summary:
            'Annul a registration made by mistake (SeriesWS anularSerie); only for a type that never numbered a document',
          ok: { status: 200, schema: 'SeriesAnnulment', description: 'The annulment' },
          errors: [409, 503],
        }),
        params: IdParams,
        body: Type.Object(
          { docType: Type.String({ minLength: 1, maxLength: 3 }) },
          { additionalProperties: false, examples: [{ docType: 'FT' }] },
        ),
      },
    },
    async (request) => {
      const ctx = ctxOf(request);
      const result = await annulSeriesAt(db, at(), ctx, request.params.id, request.body);
      return { ...result, series: await seriesView(ctx.accountId, request.params.id) };
    },
  );

  app.post(
    '/documents/:id/communicate',
    {
      schema: {
        ...op({
          id: 'communicateDocument',
          tags,
          summary:
            'Communicate a document to AT now (transport guide, invoice, or its cancellation); queued when AT is unavailable',
          ok: { status: 200, schema: 'Communication', description: 'AT answered' },
          errors: [409],
          openapi: {
            responses: {
              202: {
                description: 'AT did not answer: queued, retried in the background',
                content: { 'application/json': { schema: { $ref: '#/components/schemas/Communication' } } },
              },
            },
          },
        }),
        params: IdParams,
      },
    },
    async (request, reply) => {
      const ctx = ctxOf(request);
      const r = await communicateDocumentNow(db, at(), ctx, request.params.id);
      const body = { ...r, document: documentJson(await getDocument(db, ctx.accountId, request.params.id)) };
      return reply.status(r.queued ? 202 : 200).send(body);
    },
  );

  app.put(
    '/documents/:id/at-code',
    {
      schema: {
        ...op({
          id: 'setDocumentAtCode',
          tags,
          summary: 'Record by hand the AT code of a transport document (null clears it)',
          ok: { status: 200, schema: 'Document', description: 'The document' },
          errors: [409],
        }),
        params: IdParams,
        body: Type.Object(
          {
            atCode: NullableString({
              minLength: 1,
              maxLength: 200,
              description: 'The code AT gave the document; null clears it',
            }),
          },
          {
            additionalProperties: false,
            examples: [{ atCode: '123456789' }],
          },
        ),
      },
    },
    async (request) => {
      const ctx = ctxOf(request);
      return db.transaction().execute(async (tx) => {
        await setAtCode(tx, ctx, request.params.id, request.body.atCode);
        return documentJson(await getDocument(tx, ctx.accountId, request.params.id));
      });
    },
  );
};
