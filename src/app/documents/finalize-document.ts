import { DomainError, notFound } from '../../domain/errors.js';
import type { DocType } from '../../domain/documents/types.js';
import { regimeOf } from '../../domain/regime/registry.js';
import type { Ctx, Tx } from '../context.js';
import { checkOrigins } from './check-origins.js';
import { requireSigningKey } from './signing-key.js';
import { accountConfig } from '../accounts/account-config.js';
import { checkSeriesActive, finalizeHead } from './finalize-values.js';
import { counterLock, numberDocuments } from './number-documents.js';

/**
 * Finalizes a draft in the caller's transaction: the next number of (series, type), the system entry date, the
 * regime's chain signature and document code (`numberDocuments`). The counter row stays locked until commit, so
 * numbers never gap or repeat across processes; a failure anywhere rolls everything back.
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
      'settled_on_issue',
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
  const regime = regimeOf(config.account);
  const key = regime.signs(type) ? requireSigningKey(config.signingKey) : null;

  const counters = (
    await counterLock(regime, ctx.accountId, [{ series_id: doc.series_id, doc_type: type }]).execute(tx)
  ).rows;
  await numberDocuments(tx, ctx.accountId, regime, counters, [{ id, doc, head, key, mayMoveStock: true }]);
  ctx.issued?.(tx, type);
}
