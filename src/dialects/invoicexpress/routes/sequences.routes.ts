import type { Ctx } from '../../../app/context.js';
import { getAccount } from '../../../app/accounts/get-account.js';
import { loadAtCredentials } from '../../../app/at/load-at-credentials.js';
import type { AtDeps } from '../../../app/at/ports.js';
import { registerSeriesAt } from '../../../app/at/register-series-at.js';
import { pageRequest } from '../../../app/pagination.js';
import { createSeries } from '../../../app/series/create-series.js';
import { deleteSeries } from '../../../app/series/delete-series.js';
import { getSeries } from '../../../app/series/get-series.js';
import { listSeries } from '../../../app/series/list-series.js';
import { DomainError } from '../../../domain/errors.js';
import type { Call, Handler, Route } from '../context.js';
import { IxError } from '../ix-error.js';
import { defaultSequenceId, setDefaultSequence } from '../sequence-default.js';
import { SEQUENCE_CORE_TYPES, sequenceView } from '../views/sequence.js';

const cfg = { ixFields: { code: 'serie' } };
const notFound = () => new IxError(404, ['Sequence not found']);

const handle =
  (fn: Handler): Handler =>
  async (c) => {
    if (c.params.id !== undefined && !c.id) throw notFound();
    try {
      return await fn(c);
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      if (err.code === 'not_found' && err.meta.resource === 'series') throw notFound();
      if (err.code === 'conflict' && err.details[0]?.field === 'code')
        throw new IxError(422, ['Serie has already been taken']);
      if (err.code === 'invalid_series_code')
        throw new IxError(
          422,
          err.details.map((d) => `Serie ${d.message.replace(/^The series code /, '').replace(/\.$/, '')}`),
        );
      throw err;
    }
  };

/** Why this account cannot register series with AT now (no credentials, installation not ready), or null. */
async function atNotReady(c: Call, at: AtDeps): Promise<string | null> {
  const loaded = await loadAtCredentials(c.db, at.secrets, c.accountId);
  if (!loaded.ok) return loaded.reason;
  return at.gateway.notReadyReason(loaded.credentials.environment, 'series');
}

/** Registers with AT every document type of the sequence that has no validation code yet. */
async function registerAll(c: Call, at: AtDeps, ctx: Ctx, id: number): Promise<void> {
  const s = await getSeries(c.db, c.accountId, id);
  for (const type of SEQUENCE_CORE_TYPES) {
    if (s.docTypes.some((t) => t.doc_type === type && t.validation_code)) continue;
    await registerSeriesAt(c.db, at, ctx, id, { docType: type });
  }
}

async function defaultId(c: Call, all: { id: number; is_default: boolean }[]) {
  return defaultSequenceId(c.db, c.accountId, all.find((s) => s.is_default)?.id);
}

async function reply(c: Call, id: number, status = 200) {
  const s = await getSeries(c.db, c.accountId, id);
  return { status, body: { sequence: sequenceView(s, await defaultId(c, await listSeries(c.db, c.accountId))) } };
}

/**
 * InvoiceXpress sequences: the core's series, with each document type's AT validation code.
 *
 * POST creates the series and, as InvoiceXpress does, registers it with AT for every document type. An account
 * without usable AT credentials cannot: a production account gets a 422 (nothing is created); a sandbox account
 * gets the series with its codes at `N/D` (sandbox documents carry no legal ATCUD), to register later with
 * `PUT /sequences/:id/register` once credentials are set. When AT refuses the first registration the series is
 * removed again; when it fails part-way, the series stays with the types registered so far and the answer says so.
 */
export function sequenceRoutes(route: Route): void {
  route('GET', '/sequences', cfg, async (c) => {
    const all = await listSeries(c.db, c.accountId);
    const req = pageRequest(c.query.page, c.query.per_page, 30);
    const slice = all.slice((req.page - 1) * req.perPage, req.page * req.perPage);
    const def = await defaultId(c, all);
    return {
      body: {
        sequences: slice.map((s) => sequenceView(s, def)),
        pagination: {
          current_page: req.page,
          total_pages: Math.max(1, Math.ceil(all.length / req.perPage)),
          total_entries: all.length,
          per_page: req.perPage,
        },
      },
    };
  });

  route(
    'POST',
    '/sequences',
    cfg,
    handle(async (c) => {
      const root = c.body.sub('sequence');
      if (!root) throw new IxError(422, ['The sequence element is missing']);
      const serie = root.text('serie', 'serie_number', 'name');
      if (!serie?.trim()) root.invalid("Serie can't be blank");
      const isDefault = root.bool('default_sequence') ?? false;
      root.check();

      const at = c.deps.at();
      const notReady = await atNotReady(c, at);
      const account = await getAccount(c.db, c.accountId);
      if (notReady && !account.sandbox)
        throw new IxError(422, [`AT credentials are required to create and register a sequence: ${notReady}`]);

      const created = await c.tx(async (tx) => {
        const row = await createSeries(tx, c.accountId, { code: serie!.trim() });
        if (isDefault && notReady) await setDefaultSequence(tx, c.accountId, row.id);
        return row;
      });
      if (!notReady) {
        try {
          await registerAll(c, at, c.ctx, created.id);
        } catch (err) {
          const s = await getSeries(c.db, c.accountId, created.id);
          if (!s.docTypes.some((t) => t.validation_code)) {
            await c.tx((tx) => deleteSeries(tx, c.accountId, created.id));
            throw err;
          }
          const why = err instanceof Error ? err.message : String(err);
          throw new IxError(err instanceof DomainError && err.code === 'at_unavailable' ? 503 : 422, [
            `Sequence ${created.code} (id ${created.id}) was created, but AT registered only part of its document types: ${why} PUT /sequences/${created.id}/register registers the rest.`,
          ]);
        }
        if (isDefault) await c.tx((tx) => setDefaultSequence(tx, c.accountId, created.id));
      }
      return reply(c, created.id, 201);
    }),
  );

  route(
    'GET',
    '/sequences/:id',
    cfg,
    handle((c) => reply(c, c.id)),
  );

  route(
    'PUT',
    '/sequences/:id/set_current',
    cfg,
    handle(async (c) => {
      await c.tx((tx) => setDefaultSequence(tx, c.accountId, c.id));
      return reply(c, c.id);
    }),
  );

  route(
    'PUT',
    '/sequences/:id/register',
    cfg,
    handle(async (c) => {
      await getSeries(c.db, c.accountId, c.id);
      const at = c.deps.at();
      const notReady = await atNotReady(c, at);
      if (notReady) throw new IxError(422, [`AT credentials are required to register a sequence: ${notReady}`]);
      await registerAll(c, at, c.ctx, c.id);
      return reply(c, c.id);
    }),
  );
}
