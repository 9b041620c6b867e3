import type { Tx } from '../context.js';
import { type SaftScope, inScope } from './saft-scope.js';

/**
 * One keyset page of the customers the documents in scope name (the Customer master file).
 * NOTE: P302 2.2 — every customer implied by the documents of the period; the final consumer stands in
 * for a document without a contact, as it does when the document is created.
 */
export async function listSaftCustomers(
  tx: Tx,
  accountId: number,
  scope: SaftScope,
  afterId: number | null,
  limit: number,
) {
  return tx
    .selectFrom('contacts as c')
    .where('c.account_id', '=', accountId)
    .$if(afterId !== null, (q) => q.where('c.id', '>', afterId!))
    .where((eb) =>
      eb.or([
        eb(
          'c.id',
          'in',
          eb
            .selectFrom('documents as d')
            .where(inScope(accountId, scope))
            .where('d.contact_id', 'is not', null)
            .select('d.contact_id'),
        ),
        eb.and([
          eb('c.is_final_consumer', '=', true),
          eb.exists(
            eb
              .selectFrom('documents as d')
              .where(inScope(accountId, scope))
              .where('d.contact_id', 'is', null)
              .select('d.id'),
          ),
        ]),
      ]),
    )
    .select([
      'c.id',
      'c.code',
      'c.name',
      'c.tax_id',
      'c.street',
      'c.postal_code',
      'c.city',
      'c.country',
      'c.email',
      'c.phone',
      'c.website',
      'c.contact_person',
      'c.is_final_consumer',
    ])
    .orderBy('c.id')
    .limit(limit)
    .execute();
}

export type SaftCustomerRow = Awaited<ReturnType<typeof listSaftCustomers>>[number];
