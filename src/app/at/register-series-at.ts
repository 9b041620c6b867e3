import { sql, type Kysely } from 'kysely';
import { DOC_TYPE_INFO, isDocType, type DocType } from '../../domain/documents/types.js';
import { DomainError, notFound } from '../../domain/errors.js';
import { isIsoDate, lisbonDate } from '../../domain/time.js';
import type { DB } from '../../infra/db/schema.js';
import type { Ctx } from '../context.js';
import { setValidationCode } from '../series/set-validation-code.js';
import { requireAtCredentials } from './load-at-credentials.js';
import type { AtCallResult, AtDeps, RegisterSeriesRequest, SeriesInfo } from './ports.js';
import { callFields, recordAtCommunication } from './record-at-communication.js';
import { requirePortugueseFeature } from '../../domain/regime/not-in-regime.js';
import { regimeOf } from '../../domain/regime/registry.js';

export interface RegisterSeriesInput {
  docType: string;
  /** Expected first day of use (dataInicioPrevUtiliz); today in Lisbon by default. */
  startDate?: string;
}

export function atDocType(docType: unknown): { type: DocType; seriesClass: 'SI' | 'MG' | 'WD' | 'PY' } {
  const t = String(docType ?? '')
    .trim()
    .toUpperCase();
  const info = isDocType(t) ? DOC_TYPE_INFO[t] : undefined;
  if (!info?.seriesClass) {
    throw new DomainError('validation', `${t || 'The type'} is not a document type AT registers.`, [
      {
        field: 'docType',
        issue: 'invalid',
        message:
          'A SAF-T document type with a series class (FT, FS, FR, NC, ND, GT, GR, GA, GC, GD, OR, PF, NE, FO, RC, RG).',
      },
    ]);
  }
  return { type: info.code, seriesClass: info.seriesClass };
}

const isAuthFailure = (r: AtCallResult<unknown>) => r.code !== null && /^\d+$/.test(r.code) && Number(r.code) <= 99;

/**
 * Registers (series, document type) with AT through SeriesWS registarSerie and stores the validation code that
 * ATCUDs are made of (DL 28/2019 art. 35.º; Portaria 195/2020 art. 2.º–3.º). registarSerie is not idempotent:
 * when the answer is lost or refused, consultarSeries tells whether AT has it anyway, and that code is adopted.
 */
export async function registerSeriesAt(
  db: Kysely<DB>,
  deps: AtDeps,
  ctx: Ctx,
  seriesId: number,
  input: RegisterSeriesInput,
) {
  // The account's regime and its software certificate number, read once.
  const account = await db
    .selectFrom('accounts')
    .select(['software_cert_number', 'country'])
    .where('id', '=', ctx.accountId)
    .executeTakeFirstOrThrow();
  requirePortugueseFeature(regimeOf(account), 'Communication with the AT (Autoridade Tributária) is');
  const { type, seriesClass } = atDocType(input.docType);
  const startDate = input.startDate ?? lisbonDate(ctx.now);
  if (!isIsoDate(startDate))
    throw new DomainError('validation', 'Invalid start date.', [
      { field: 'startDate', issue: 'invalid', message: 'YYYY-MM-DD.' },
    ]);
  const series = await db
    .selectFrom('series')
    .selectAll()
    .where('account_id', '=', ctx.accountId)
    .where('id', '=', seriesId)
    .executeTakeFirst();
  if (!series) throw notFound('series', seriesId);
  if (series.status !== 'active') throw new DomainError('series_inactive', `Series ${series.code} is finalized.`);
  const counter = await db
    .selectFrom('series_doc_types')
    .select(['validation_code', 'last_number'])
    .where('account_id', '=', ctx.accountId)
    .where('series_id', '=', seriesId)
    .where('doc_type', '=', type)
    .executeTakeFirst();
  if (counter?.validation_code)
    throw new DomainError(
      'conflict',
      `Series ${series.code} already has the validation code ${counter.validation_code} for ${type}.`,
    );
  const creds = await requireAtCredentials(db, deps, ctx.accountId, 'series');

  const req: RegisterSeriesRequest = {
    serie: series.code,
    tipoSerie: series.kind,
    classeDoc: seriesClass,
    tipoDoc: type,
    // NOTE: Portaria 195/2020 art. 2.º — the first sequential number to be used under the code.
    numInicialSeq: (counter?.last_number ?? 0) + 1,
    dataInicioPrevUtiliz: startDate,
    // NOTE: "Se não aplicável, deve ser preenchido com 0" (portugal.md §3.2).
    numCertSWFatur: account.software_cert_number,
    meioProcessamento: 'PI',
  };
  const log = (r: AtCallResult<unknown>, operation: string, atCode?: string) =>
    recordAtCommunication(db, {
      accountId: ctx.accountId,
      seriesId,
      service: 'series',
      operation,
      environment: creds.environment,
      startedAt: ctx.now,
      final: true,
      ...callFields(r),
      atCode,
    });

  const r = await deps.gateway.registerSeries(creds, req);
  let code = r.outcome === 'success' ? r.data?.codValidacaoSerie : undefined;
  await log(r, 'registarSerie', code);
  let reconciled = false;
  if (!code && !isAuthFailure(r)) {
    const q = await deps.gateway.listSeries(creds, {
      serie: req.serie,
      classeDoc: req.classeDoc,
      tipoDoc: req.tipoDoc,
    });
    const found: SeriesInfo | undefined =
      q.outcome === 'success'
        ? q.data?.find(
            (s) => s.serie === req.serie && s.tipoDoc === type && (s.estado ?? 'A') === 'A' && s.codValidacaoSerie,
          )
        : undefined;
    await log(
      { ...q, response: q.outcome === 'success' ? { found: found ?? null } : q.response },
      'consultarSeries',
      found?.codValidacaoSerie,
    );
    code = found?.codValidacaoSerie;
    reconciled = !!code;
  }
  if (!code) {
    const what = `SeriesWS registarSerie ${series.code}/${type}${r.code ? ` (${r.code})` : ''}: ${r.message}`;
    if (r.outcome === 'retryable')
      throw new DomainError('at_unavailable', `AT could not be reached or failed; nothing was stored. ${what}`, [], {
        returnCode: r.code,
      });
    throw new DomainError('at_rejected', `AT refused the registration. ${what}`, [], { returnCode: r.code });
  }
  const validationCode = code.trim().toUpperCase();
  await db.transaction().execute(async (tx) => {
    await setValidationCode(tx, ctx.accountId, seriesId, type, validationCode);
    const values = {
      validation_code: validationCode,
      first_number: req.numInicialSeq,
      state: 'A' as const,
      state_at: sql<string>`now()` as unknown as string,
    };
    await tx
      .insertInto('at_series_registrations')
      .values({
        account_id: ctx.accountId,
        series_id: seriesId,
        doc_type: type,
        environment: creds.environment,
        ...values,
      })
      .onConflict((oc) => oc.columns(['account_id', 'series_id', 'doc_type', 'environment']).doUpdateSet(values))
      .execute();
  });
  return {
    seriesId,
    docType: type,
    validationCode,
    environment: creds.environment,
    firstNumber: req.numInicialSeq,
    reconciled,
  };
}
