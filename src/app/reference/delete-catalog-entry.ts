import { sql } from 'kysely';
import { DomainError, notFound } from '../../domain/errors.js';
import type { Tx } from '../context.js';
import type { Catalog } from './catalogs.js';

export async function deleteCatalogEntry(tx: Tx, accountId: number, cat: Catalog, id: number): Promise<void> {
  const exists = await tx
    .selectFrom(cat.table as 'units')
    .select('id')
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!exists) throw notFound(cat.resource, id);
  for (const u of cat.usedBy) {
    const used = await sql<{
      one: number;
    }>`select 1 as one from ${sql.table(u.table)} where account_id = ${accountId} and ${u.array ? sql`${id} = any(${sql.ref(u.column)})` : sql`${sql.ref(u.column)} = ${id}`} limit 1`.execute(
      tx,
    );
    if (used.rows.length) throw new DomainError('in_use', `The ${cat.resource} is in use and cannot be deleted.`);
  }
  await tx
    .deleteFrom(cat.table as 'units')
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .execute();
}
