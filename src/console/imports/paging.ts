/** One page of a list held in memory (a preview's documents or errors). */
export interface Page<T> {
  items: T[];
  page: number;
  pages: number;
  total: number;
}

/** The page `raw` (1-based; anything else is page 1, past the end is the last page). */
export function pageOf<T>(all: readonly T[], raw: unknown, perPage: number): Page<T> {
  const pages = Math.max(1, Math.ceil(all.length / perPage));
  const n = typeof raw === 'string' && /^\d{1,6}$/.test(raw) ? Number(raw) : 1;
  const page = Math.min(Math.max(1, n), pages);
  return { items: all.slice((page - 1) * perPage, page * perPage), page, pages, total: all.length };
}

/** A positive page number from a query string (1 otherwise). */
export const pageNumber = (raw: unknown): number =>
  typeof raw === 'string' && /^\d{1,6}$/.test(raw) && Number(raw) > 0 ? Number(raw) : 1;
