import { sql } from 'kysely';
import type { Tx } from '../context.js';
import { type SaftScope, inScope } from './saft-scope.js';

/**
 * One keyset page of the customers the documents in scope name (the Customer master file).
 * NOTE: P302 2.2 — every customer implied by the documents of the period; the final consumer stands in
 * for a document without a contact, as it does when the document is created.
 * Whether a contact is named is one probe of the `documents_contact` index (account, contact) per contact, stopped at
 * its first document in scope (a lateral join with a limit, which the planner cannot turn into hashing every
 * document in scope for every page): an export costs the account's contacts plus its documents, once.
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
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('documents as d')
          .whereRef('d.contact_id', '=', 'c.id')
          .where(inScope(accountId, scope))
          .select(sql<number>`1`.as('named'))
          .limit(1)
          .as('x'),
      (j) => j.onTrue(),
    )
    .where('c.account_id', '=', accountId)
    .$if(afterId !== null, (q) => q.where('c.id', '>', afterId!))
    .where((eb) =>
      eb.or([
        eb('x.named', 'is not', null),
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
