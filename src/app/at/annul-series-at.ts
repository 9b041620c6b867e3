import { sql, type Kysely } from 'kysely';
import { DomainError, notFound } from '../../domain/errors.js';
import type { DB } from '../../infra/db/schema.js';
import type { Ctx } from '../context.js';
import { requireAtCredentials } from './load-at-credentials.js';
import type { AtDeps } from './ports.js';
import { callFields, recordAtCommunication } from './record-at-communication.js';
import { atDocType } from './register-series-at.js';
import { requirePortugueseAccount } from '../accounts/require-portuguese-account.js';

/**
 * Annuls a registration made by mistake (SeriesWS anularSerie, motivo ER, with the declaration that no document
 * was issued under it). Only for a (series, type) that has never numbered a document; the validation code is
 * then forgotten here so the type can be registered again.
 */
export async function annulSeriesAt(
  db: Kysely<DB>,
  deps: AtDeps,
  ctx: Ctx,
  seriesId: number,
  input: { docType: string },
) {
  await requirePortugueseAccount(db, ctx.accountId, 'Communication with the AT (Autoridade Tributária) is');
  const { type, seriesClass } = atDocType(input.docType);
  const series = await db
    .selectFrom('series')
    .selectAll()
    .where('account_id', '=', ctx.accountId)
    .where('id', '=', seriesId)
    .executeTakeFirst();
  if (!series) throw notFound('series', seriesId);
  const row = await db
    .selectFrom('series_doc_types')
    .selectAll()
    .where('account_id', '=', ctx.accountId)
    .where('series_id', '=', seriesId)
    .where('doc_type', '=', type)
    .executeTakeFirst();
  if (!row?.validation_code)
    throw new DomainError('series_not_registered', `Series ${series.code} has no validation code for ${type}.`);
  if (row.last_number > 0)
    throw new DomainError(
      'in_use',
      `Series ${series.code} has issued ${type} documents: finalize it instead of annulling.`,
    );
  const creds = await requireAtCredentials(db, deps, ctx.accountId, 'series');
  const code = row.validation_code;
  const r = await deps.gateway.annulSeries(creds, {
    serie: series.code,
    classeDoc: seriesClass,
    tipoDoc: type,
    codValidacaoSerie: code,
    motivo: 'ER',
    declaracaoNaoEmissao: true,
  });
  await db.transaction().execute(async (tx) => {
    await recordAtCommunication(tx, {
      accountId: ctx.accountId,
      seriesId,
      service: 'series',
      operation: 'anularSerie',
      environment: creds.environment,
      startedAt: ctx.now,
      final: true,
      ...callFields(r),
      atCode: code,
    });
    if (r.outcome !== 'success') return;
    await tx
      .updateTable('series_doc_types')
      .set({ validation_code: null })
      .where('account_id', '=', ctx.accountId)
      .where('series_id', '=', seriesId)
      .where('doc_type', '=', type)
      .where('validation_code', '=', code)
      .where('last_number', '=', 0)
      .execute();
    const values = { validation_code: code, state: 'N' as const, state_at: sql<string>`now()` as unknown as string };
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
  if (r.outcome !== 'success') {
    throw new DomainError(
      r.outcome === 'retryable' ? 'at_unavailable' : 'at_rejected',
      `SeriesWS anularSerie ${series.code}/${type}${r.code ? ` (${r.code})` : ''}: ${r.message}`,
      [],
      { returnCode: r.code },
    );
  }
  return { seriesId, docType: type, state: 'N' as const, environment: creds.environment };
}
