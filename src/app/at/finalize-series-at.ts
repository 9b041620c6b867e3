import { sql, type Kysely } from 'kysely';
import { DOC_TYPE_INFO, type DocType } from '../../domain/documents/types.js';
import { DomainError, notFound } from '../../domain/errors.js';
import type { DB } from '../../infra/db/schema.js';
import type { Ctx } from '../context.js';
import { updateSeries } from '../series/update-series.js';
import { requireAtCredentials } from './load-at-credentials.js';
import type { AtDeps, AtOutcome } from './ports.js';
import { callFields, recordAtCommunication } from './record-at-communication.js';
import { requirePortugueseAccount } from '../accounts/require-portuguese-account.js';

/**
 * Finalizes a series: blocks it here first (D8632 §1.9: a discontinued series is blocked, never deleted), then
 * tells AT through SeriesWS finalizarSerie for every registered document type, with the last number issued.
 * Calling again retries only the types AT has not confirmed.
 */
export async function finalizeSeriesAt(
  db: Kysely<DB>,
  deps: AtDeps,
  ctx: Ctx,
  seriesId: number,
  input: { justification?: string },
) {
  await requirePortugueseAccount(db, ctx.accountId, 'Communication with the AT (Autoridade Tributária) is');
  const justification = input.justification?.trim() || undefined;
  if (justification && justification.length > 200)
    throw new DomainError('validation', 'The justification is too long.', [
      { field: 'justification', issue: 'too_long', message: 'At most 200 characters.', value: '200' },
    ]);
  const series = await db
    .selectFrom('series')
    .selectAll()
    .where('account_id', '=', ctx.accountId)
    .where('id', '=', seriesId)
    .executeTakeFirst();
  if (!series) throw notFound('series', seriesId);
  const registered = () =>
    db
      .selectFrom('series_doc_types')
      .selectAll()
      .where('account_id', '=', ctx.accountId)
      .where('series_id', '=', seriesId)
      .where('validation_code', 'is not', null)
      .orderBy('doc_type')
      .execute();
  let types = await registered();
  if (!types.length)
    throw new DomainError('series_not_registered', `Series ${series.code} has no document type registered with AT.`);
  const creds = await requireAtCredentials(db, deps, ctx.accountId, 'series');
  const regs = await db
    .selectFrom('at_series_registrations')
    .selectAll()
    .where('account_id', '=', ctx.accountId)
    .where('series_id', '=', seriesId)
    .where('environment', '=', creds.environment)
    .execute();

  if (series.status === 'active') {
    await db.transaction().execute((tx) => updateSeries(tx, ctx.accountId, seriesId, { status: 'finalized' }));
    types = await registered(); // the last numbers, now that nothing more can be issued
  }

  const results: { docType: string; outcome: AtOutcome; code: string | null; message: string; lastNumber: number }[] =
    [];
  for (const t of types) {
    const reg = regs.find((x) => x.doc_type === t.doc_type);
    if (reg?.state === 'F') {
      results.push({
        docType: t.doc_type,
        outcome: 'success',
        code: null,
        message: 'Already finalized at AT.',
        lastNumber: t.last_number,
      });
      continue;
    }
    const r = await deps.gateway.finalizeSeries(creds, {
      serie: series.code,
      classeDoc: DOC_TYPE_INFO[t.doc_type as DocType]?.seriesClass ?? '',
      tipoDoc: t.doc_type,
      codValidacaoSerie: t.validation_code!,
      seqUltimoDocEmitido: t.last_number,
      justificacao: justification,
    });
    await db.transaction().execute(async (tx) => {
      await recordAtCommunication(tx, {
        accountId: ctx.accountId,
        seriesId,
        service: 'series',
        operation: 'finalizarSerie',
        environment: creds.environment,
        startedAt: ctx.now,
        final: true,
        ...callFields(r),
        atCode: t.validation_code,
      });
      if (r.outcome !== 'success') return;
      const values = {
        validation_code: t.validation_code!,
        state: 'F' as const,
        state_at: sql<string>`now()` as unknown as string,
      };
      await tx
        .insertInto('at_series_registrations')
        .values({
          account_id: ctx.accountId,
          series_id: seriesId,
          doc_type: t.doc_type,
          environment: creds.environment,
          ...values,
        })
        .onConflict((oc) => oc.columns(['account_id', 'series_id', 'doc_type', 'environment']).doUpdateSet(values))
        .execute();
    });
    results.push({
      docType: t.doc_type,
      outcome: r.outcome,
      code: r.code,
      message: r.message,
      lastNumber: t.last_number,
    });
  }
  if (!results.some((r) => r.outcome === 'success')) {
    const f = results[0];
    const what = `The series is blocked here, but AT did not confirm finalizarSerie for ${f.docType}${f.code ? ` (${f.code})` : ''}: ${f.message} Call again to retry.`;
    throw new DomainError(results.some((r) => r.outcome === 'retryable') ? 'at_unavailable' : 'at_rejected', what, [], {
      results,
    });
  }
  return {
    seriesId,
    status: 'finalized' as const,
    environment: creds.environment,
    complete: results.every((r) => r.outcome === 'success'),
    results,
  };
}
