import type { Page } from '../../../app/pagination.js';

/** InvoiceXpress's `pagination` object of list answers. */
export function paginationView(p: Page<unknown>) {
  return { current_page: p.page, total_pages: p.totalPages, total_entries: p.total, per_page: p.perPage };
}
