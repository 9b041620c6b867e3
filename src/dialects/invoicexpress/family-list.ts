import type { DocumentView } from '../../app/documents/get-document.js';
import { getDocuments } from '../../app/documents/get-documents.js';
import { type DocumentFilter, listDocuments } from '../../app/documents/list-documents.js';
import { pageRequest } from '../../app/pagination.js';
import type { Call, IxReply } from './context.js';
import type { IxDocType } from './doc-types.js';
import { ixTypeByName } from './doc-types.js';
import { parseIxDate } from './input.js';
import { listQuery } from './list-query.js';

/**
 * The list filters shared by `/invoices`, `/estimates` and `/guides`: text, type[] (`Invoice`, `Quote`…) within
 * the family, date[from|to], due_date[from|to], reference. `status[]` is the family's own (`statuses`). Undefined
 * when nothing can match (a type or status of another family).
 */
export function familyFilter(
  c: Call,
  family: readonly IxDocType[],
  statuses: (names: string[]) => Partial<DocumentFilter> | undefined,
): DocumentFilter | undefined {
  const q = listQuery(c.query);
  const f: DocumentFilter = {};
  const names = q.list('type');
  const types = names.length
    ? names.map((n) => ixTypeByName(n)).filter((t): t is IxDocType => !!t && family.includes(t))
    : [...family];
  if (!types.length) return undefined;
  f.types = [...new Set(types.map((t) => t.core))];
  const wanted = q.list('status').map((s) => s.toLowerCase());
  if (wanted.length) {
    const byStatus = statuses(wanted);
    if (!byStatus) return undefined;
    Object.assign(f, byStatus);
  }
  const date = (key: string, bound: string) => {
    const v = q.sub(key, bound);
    return v ? (parseIxDate(v) ?? c.today) : undefined;
  };
  f.dateFrom = date('date', 'from');
  f.dateTo = date('date', 'to');
  f.dueFrom = date('due_date', 'from');
  f.dueTo = date('due_date', 'to');
  const text = q.one('text');
  if (text) f.text = text;
  const reference = q.one('reference');
  if (reference) f.likes = [{ field: 'reference', value: reference }];
  return f;
}

/** InvoiceXpress's pagination block. */
export function pagination(p: { page: number; totalPages: number; total: number; perPage: number }) {
  return { current_page: p.page, total_pages: p.totalPages, total_entries: p.total, per_page: p.perPage };
}

/** The page `page`/`per_page` ask for of the documents `f` selects (none when undefined), as views under `root`. */
export async function listPage(
  c: Call,
  root: string,
  f: DocumentFilter | undefined,
  view: (v: DocumentView) => unknown,
): Promise<IxReply> {
  const { page, perPage } = pageRequest(c.query.page, c.query.per_page, 20);
  const result = f
    ? await listDocuments(c.db, c.accountId, f, { page, perPage })
    : { items: [], total: 0, page, perPage, totalPages: 1 };
  const docs = await getDocuments(
    c.db,
    c.accountId,
    result.items.map((row) => row.id),
  );
  return { body: { [root]: docs.map(view), pagination: pagination(result) } };
}
