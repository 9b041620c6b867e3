import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { annulSeriesAt } from '../../app/at/annul-series-at.js';
import { finalizeSeriesAt } from '../../app/at/finalize-series-at.js';
import { listSeriesRegistrations } from '../../app/at/list-series-registrations.js';
import { registerSeriesAt } from '../../app/at/register-series-at.js';
import { inTransaction } from '../../app/context.js';
import { createSeries } from '../../app/series/create-series.js';
import { deleteSeries } from '../../app/series/delete-series.js';
import { getSeries } from '../../app/series/get-series.js';
import { listSeries } from '../../app/series/list-series.js';
import { updateSeries } from '../../app/series/update-series.js';
import { listStores } from '../../app/stores/list-stores.js';
import { DomainError } from '../../domain/errors.js';
import { ctxOf } from '../../http/kit/request-context.js';
import type { Services } from '../../server/services.js';
import { requireScope } from '../shell/require-scope.js';
import { type FormErrors, formErrorsOf, formOf, listQuery, noErrors, pageOf, routeId, text } from './form.js';
import { canWrite, doneOf } from './page-state.js';
import { createRoute, saveForm } from './record-routes.js';
import {
  AT_DOC_TYPES,
  SERIES_KINDS,
  type SeriesFields,
  seriesFieldsOf,
  seriesInput,
  seriesUpdate,
} from './series-form.js';

type Series = Awaited<ReturnType<typeof getSeries>>;
type Action = 'register' | 'annul' | 'finalize' | 'delete';

const fieldsOfSeries = (s: Series): SeriesFields => ({
  code: s.code,
  description: s.description,
  kind: s.kind,
  vatIncluded: s.vat_included ? 'on' : '',
  isDefault: s.is_default ? 'on' : '',
  storeId: '',
});

/** An AT action's refusal, shown on the series page (never a 5xx: AT being down is a message, not our failure). */
const AT_KEYS: Partial<Record<string, string>> = {
  at_not_configured: 'records.series.atNotConfigured',
  at_unavailable: 'records.series.atUnavailable',
  at_rejected: 'records.series.atRejected',
};
const ACTION_CODES = new Set([
  ...Object.keys(AT_KEYS),
  'validation',
  'conflict',
  'in_use',
  'series_inactive',
  'series_not_registered',
  'not_in_regime',
]);

function actionErrorsOf(err: unknown): { errors: FormErrors; status: number } | null {
  if (!(err instanceof DomainError) || !ACTION_CODES.has(err.code)) return null;
  const fields = formErrorsOf(new DomainError('validation', err.message, err.details))?.fields ?? {};
  const key = AT_KEYS[err.code] ?? null;
  const status = ['at_not_configured', 'at_unavailable', 'conflict', 'in_use'].includes(err.code) ? 409 : 422;
  return { errors: { fields, message: { key, text: err.message, detail: key ? err.message : undefined } }, status };
}

/** Series: the list with each document type's counter and AT validation code; create; AT registration. */
export async function seriesRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const db = services.database.db;

  const storeChoices = async (accountId: number) =>
    (await listStores(db, accountId)).map((s) => ({ value: String(s.id), label: s.name }));

  const showNew = async (
    request: FastifyRequest,
    reply: FastifyReply,
    values: SeriesFields,
    errors: FormErrors = noErrors(),
    status = 200,
  ) =>
    reply.page(
      'records/views/series-new',
      {
        values,
        errors,
        kinds: SERIES_KINDS,
        stores: await storeChoices(ctxOf(request).accountId),
        canWrite: canWrite(request),
        done: null,
      },
      { status, title: 'records.series.new' },
    );

  const showSeries = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: number,
    opts: { values?: SeriesFields; errors?: FormErrors; action?: Action; status?: number } = {},
  ) => {
    const accountId = ctxOf(request).accountId;
    const series = await getSeries(db, accountId, id);
    const registrations = await listSeriesRegistrations(db, accountId, id);
    const q = request.query as Record<string, unknown>;
    const registeredType = typeof q.docType === 'string' ? q.docType : null;
    return reply.page(
      'records/views/series',
      {
        series,
        registrations,
        registered: series.docTypes.find((t) => t.doc_type === registeredType && t.validation_code) ?? null,
        values: opts.values ?? fieldsOfSeries(series),
        errors: opts.action ? noErrors() : (opts.errors ?? noErrors()),
        action: opts.action ?? null,
        actionErrors: opts.action ? opts.errors : noErrors(),
        atDocTypes: AT_DOC_TYPES,
        canWrite: canWrite(request),
        done: doneOf(request),
      },
      { status: opts.status ?? 200, title: 'records.series.one' },
    );
  };

  app.get('/series', async (request, reply) => {
    requireScope(request, 'read');
    const { q, page, perPage } = listQuery(request.query);
    const all = await listSeries(db, ctxOf(request).accountId);
    const needle = q.toLowerCase();
    const matching = needle
      ? all.filter((s) => s.code.toLowerCase().includes(needle) || s.description.toLowerCase().includes(needle))
      : all;
    return reply.page(
      'records/views/series-list',
      { q, result: pageOf(matching, page, perPage), canWrite: canWrite(request), done: doneOf(request) },
      { title: 'records.series.title' },
    );
  });

  app.get('/series/new', async (request, reply) => {
    requireScope(request, 'issue');
    return showNew(request, reply, seriesFieldsOf({ kind: 'N' }));
  });

  createRoute(
    app,
    db,
    {
      base: '/series',
      resource: 'series',
      fieldsOf: seriesFieldsOf,
      show: (request, reply, _none, values, errors, status) => showNew(request, reply, values, errors, status),
    },
    (tx, accountId, form) => createSeries(tx, accountId, seriesInput(form)),
  );

  app.get('/series/:id', async (request, reply) => {
    requireScope(request, 'read');
    return showSeries(request, reply, routeId(request.params, 'series'));
  });

  app.post('/series/:id', async (request, reply) => {
    requireScope(request, 'issue');
    const accountId = ctxOf(request).accountId;
    const id = routeId(request.params, 'series');
    const form = formOf(request.body);
    return saveForm(
      reply,
      async () => {
        await inTransaction(db, (tx) => updateSeries(tx, accountId, id, seriesUpdate(form)));
        return `/console/series/${id}?done=saved`;
      },
      (errors, status) => showSeries(request, reply, id, { values: seriesFieldsOf(form), errors, status }),
    );
  });

  /** Runs an action on the series; its refusal is shown on the series page beside the action's form. */
  const act = (
    action: Action,
    run: (request: FastifyRequest, id: number) => Promise<string>,
  ): ((request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply>) => {
    return async (request, reply) => {
      requireScope(request, 'issue');
      const id = routeId(request.params, 'series');
      await getSeries(db, ctxOf(request).accountId, id); // another account's id: 404 before anything
      try {
        return reply.redirect(await run(request, id), 303);
      } catch (err) {
        const refused = actionErrorsOf(err);
        if (!refused) throw err;
        return showSeries(request, reply, id, { action, errors: refused.errors, status: refused.status });
      }
    };
  };

  app.post(
    '/series/:id/register',
    act('register', async (request, id) => {
      const form = formOf(request.body);
      const startDate = text(form, 'startDate') || undefined;
      const r = await registerSeriesAt(db, services.at(), ctxOf(request), id, {
        docType: text(form, 'docType'),
        startDate,
      });
      return `/console/series/${id}?done=registered&docType=${encodeURIComponent(r.docType)}`;
    }),
  );

  app.post(
    '/series/:id/annul',
    act('annul', async (request, id) => {
      await annulSeriesAt(db, services.at(), ctxOf(request), id, { docType: text(formOf(request.body), 'docType') });
      return `/console/series/${id}?done=annulled`;
    }),
  );

  app.post(
    '/series/:id/finalize',
    act('finalize', async (request, id) => {
      const ctx = ctxOf(request);
      const series = await getSeries(db, ctx.accountId, id);
      if (!series.docTypes.some((t) => t.validation_code)) {
        await inTransaction(db, (tx) => updateSeries(tx, ctx.accountId, id, { status: 'finalized' }));
        return `/console/series/${id}?done=finalized`;
      }
      const r = await finalizeSeriesAt(db, services.at(), ctx, id, {
        justification: text(formOf(request.body), 'justification'),
      });
      // Blocked here, but AT did not confirm every type: the page offers to send it again.
      return `/console/series/${id}?done=${r.complete ? 'finalized' : 'finalizedPartly'}`;
    }),
  );

  app.post(
    '/series/:id/delete',
    act('delete', async (request, id) => {
      await inTransaction(db, (tx) => deleteSeries(tx, ctxOf(request).accountId, id));
      return '/console/series?done=deleted';
    }),
  );
}
