import type { SelectQueryBuilder } from 'kysely';
import type { DB } from '../infra/db/schema.js';

export interface PageRequest {
  page: number;
  perPage: number;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  perPage: number;
  totalPages: number;
}

export const MAX_PER_PAGE = 200;

export function pageRequest(page: unknown, perPage: unknown, defaultPerPage = 20): PageRequest {
  const p = Math.max(1, Math.trunc(Number(page)) || 1);
  const pp = Math.min(MAX_PER_PAGE, Math.max(1, Math.trunc(Number(perPage)) || defaultPerPage));
  return { page: p, perPage: pp };
}

/** Runs the page query and the count over the same filtered base query. */
export async function paginate<T, TB extends keyof DB, O>(
  rows: SelectQueryBuilder<DB, TB, T>,
  base: SelectQueryBuilder<DB, TB, O>,
  req: PageRequest,
): Promise<Page<T>> {
  const items = await rows
    .limit(req.perPage)
    .offset((req.page - 1) * req.perPage)
    .execute();
  const count = await base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirst();
  const total = Number((count as { n?: string } | undefined)?.n ?? 0);
  return {
    items,
    total,
    page: req.page,
    perPage: req.perPage,
    totalPages: Math.max(1, Math.ceil(total / req.perPage)),
  };
}
