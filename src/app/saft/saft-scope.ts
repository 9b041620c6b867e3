import { type ExpressionBuilder, sql } from 'kysely';
import type { DB } from '../../infra/db/schema.js';

/** The documents a SAF-T file covers: one account, a date range, some document types. */
export interface SaftScope {
  from: string;
  to: string;
  types: readonly string[];
}

/**
 * The filter every SAF-T query shares, on a `documents as d` row: issued documents only (never drafts),
 * dated in the range. NOTE: P302 4.1–4.4 — cancelled documents stay in the file with status A.
 */
export function inScope(accountId: number, scope: SaftScope) {
  return (eb: ExpressionBuilder<DB & { d: DB['documents'] }, 'd'>) =>
    eb.and([
      eb('d.account_id', '=', accountId),
      eb('d.status', 'in', ['final', 'cancelled']),
      eb('d.doc_date', '>=', scope.from),
      eb('d.doc_date', '<=', scope.to),
      scope.types.length ? eb('d.doc_type', 'in', [...scope.types]) : sql<boolean>`false`,
    ]);
}

/** `d.doc_type in (...)` as raw SQL for aggregate filters; false for an empty list. */
export function typeIn(types: readonly string[]) {
  return types.length ? sql`d.doc_type in (${sql.join([...types])})` : sql`false`;
}
