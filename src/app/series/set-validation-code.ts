import { sql } from 'kysely';
import { DomainError, notFound } from '../../domain/errors.js';
import { isDocType, DOC_TYPE_INFO } from '../../domain/documents/types.js';
import { isValidValidationCode } from '../../domain/pt/atcud.js';
import type { Tx } from '../context.js';
import { requirePortugueseAccount } from '../accounts/require-portuguese-account.js';
import { counterCreationLock } from '../documents/number-documents.js';

/** Records the AT validation code of a (series, document type), obtained from SeriesWS or entered by hand. */
export async function setValidationCode(tx: Tx, accountId: number, seriesId: number, docType: string, code: string) {
  await requirePortugueseAccount(tx, accountId, 'The ATCUD validation code of a series is');
  if (!isDocType(docType) || !DOC_TYPE_INFO[docType].seriesClass)
    throw new DomainError('validation', `${docType} is not a document type AT registers.`, [
      {
        field: 'docType',
        issue: 'invalid',
        message: 'A SAF-T document type (FT, FS, FR, NC, ND, GT, GR, GA, GC, GD, OR, PF, NE, FO, RC, RG).',
      },
    ]);
  const value = String(code ?? '')
    .trim()
    .toUpperCase();
  if (!isValidValidationCode(value))
    throw new DomainError('validation', 'Invalid AT validation code.', [
      { field: 'validationCode', issue: 'invalid', message: 'At least 8 characters A–Z, 0–9.' },
    ]);
  const series = await tx
    .selectFrom('series')
    .select('id')
    .where('account_id', '=', accountId)
    .where('id', '=', seriesId)
    .executeTakeFirst();
  if (!series) throw notFound('series', seriesId);
  // The counter may not exist yet: a concurrent creator of it waits here, then this one finds its row (counterLock).
  await sql`SELECT ${counterCreationLock(sql`${accountId}::bigint`, sql`${seriesId}::bigint`, sql`${docType}::text`)}`.execute(
    tx,
  );
  const row = await tx
    .insertInto('series_doc_types')
    .values({ account_id: accountId, series_id: seriesId, doc_type: docType, validation_code: value })
    .onConflict((oc) =>
      oc
        .columns(['account_id', 'series_id', 'doc_type'])
        .doUpdateSet({ validation_code: value })
        .where('series_doc_types.validation_code', 'is', null),
    )
    .returningAll()
    .executeTakeFirst();
  if (!row) throw new DomainError('conflict', `Series ${seriesId} already has a validation code for ${docType}.`);
  return row;
}
