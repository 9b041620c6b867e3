import { sql } from 'kysely';
import { DomainError, notFound } from '../../domain/errors.js';
import { DOC_TYPE_INFO, type DocType } from '../../domain/documents/types.js';
import type { Ctx, Tx } from '../context.js';
import { applyBalances } from './apply-balances.js';
import { checkOrigins } from './check-origins.js';
import { postStock } from './post-stock.js';
import { requireSigningKey } from './signing-key.js';
import { accountConfig } from '../accounts/account-config.js';
import { checkSeriesActive, counterUpsert, finalizeHead, finalizeValues } from './finalize-values.js';
import { enqueueFinalizeJobs } from './enqueue-finalize-jobs.js';

/**
 * Assigns the next number of (series, type), the system entry date and the hash-chain signature, in the
 * caller's transaction. The counter row is locked by an atomic increment, so numbers never gap or repeat
 * across processes; a failure anywhere rolls the increment back with everything else.
 */
export async function finalizeDocument(tx: Tx, ctx: Ctx, id: number): Promise<void> {
  const doc = await tx
    .selectFrom('documents')
    .select([
      'id',
      'status',
      'doc_type',
      'series_id',
      'doc_date',
      'gross_total',
      'payable_total',
      'related_document_id',
      'store_id',
      'customer',
    ])
    .where('account_id', '=', ctx.accountId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!doc) throw notFound('document', id);
  if (doc.status !== 'draft') throw new DomainError('document_not_draft', 'The document is already finalized.');
  const type = doc.doc_type as DocType;

  const config = await accountConfig(tx, ctx);
  // A series created after the configuration the request started with is read from the transaction.
  const series =
    config.series.find((x) => x.id === doc.series_id) ??
    (await tx
      .selectFrom('series')
      .selectAll()
      .where('account_id', '=', ctx.accountId)
      .where('id', '=', doc.series_id)
      .executeTakeFirstOrThrow());
  const head = finalizeHead(config.account, series);
  checkSeriesActive(head);

  await checkOrigins(tx, ctx.accountId, doc);
  // Everything that needs no lock is read before the counter row is locked: the lock is held until commit.
  const key = DOC_TYPE_INFO[type].signed ? requireSigningKey(config.signingKey) : null;

  const counter = await counterUpsert(ctx.accountId, doc.series_id, type)
    .execute(tx)
    .then((r) => r.rows[0]);
  const values = finalizeValues(doc, head, counter, key);
  await tx
    .updateTable('documents')
    .set({ ...values.document, updated_at: sql`now()` })
    .where('account_id', '=', ctx.accountId)
    .where('id', '=', id)
    .execute();
  await tx
    .updateTable('series_doc_types')
    .set(values.series)
    .where('account_id', '=', ctx.accountId)
    .where('series_id', '=', doc.series_id)
    .where('doc_type', '=', type)
    .execute();

  await postStock(tx, ctx.accountId, { ...doc, id }, doc.doc_date);
  await applyBalances(tx, ctx.accountId, doc, 1);
  await enqueueFinalizeJobs(tx, ctx.accountId, [{ id, docType: type }]);
  ctx.issued?.(tx, type);
}
