import { sql } from 'kysely';
import type { Tx } from '../context.js';

/**
 * What a SAF-T file of the period depends on, as a short string: the issued documents dated in it (how many,
 * the latest change) and the latest change to a customer. A stored file whose fingerprint differs is stale.
 */
export async function saftFingerprint(
  tx: Tx,
  accountId: number,
  period: { from: string; to: string },
): Promise<string> {
  const r = await tx
    .selectNoFrom((eb) => [
      eb
        .selectFrom('documents as d')
        .select(
          sql<string>`count(*) || ':' || coalesce(max(d.id), 0) || ':' || coalesce(max(d.updated_at)::text, '')`.as(
            'v',
          ),
        )
        .where('d.account_id', '=', accountId)
        .where('d.status', 'in', ['final', 'cancelled'])
        .where('d.doc_date', '>=', period.from)
        .where('d.doc_date', '<=', period.to)
        .as('docs'),
      eb
        .selectFrom('contacts')
        .select(sql<string>`coalesce(max(updated_at)::text, '')`.as('v'))
        .where('account_id', '=', accountId)
        .as('contacts'),
    ])
    .executeTakeFirstOrThrow();
  return `${r.docs ?? ''}|${r.contacts ?? ''}`;
}
