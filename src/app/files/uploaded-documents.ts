import { IssueCollector, notFound } from '../../domain/errors.js';
import { isIsoDate } from '../../domain/time.js';
import type { Tx } from '../context.js';
import type { Page, PageRequest } from '../pagination.js';
import { type FileInput, storeFile } from './store-file.js';

export interface UploadedDocumentInput {
  name?: string | null;
  description?: string | null;
  /** `YYYY-MM-DD`. */
  documentDate?: string | null;
  tags?: string[] | null;
  file?: FileInput | null;
}

export interface UploadedDocument {
  id: number;
  name: string;
  description: string | null;
  documentDate: string | null;
  tags: string[];
  file: { id: string; fileName: string; mimeType: string } | null;
  createdAt: string;
}

/**
 * Keeps an uploaded document (Billit's /v1/documents: a file with a name, a date and tags, not an invoice) with its
 * file, in the caller's transaction. The name defaults to the file's.
 */
export async function createUploadedDocument(tx: Tx, accountId: number, input: UploadedDocumentInput): Promise<number> {
  const c = new IssueCollector();
  const name = (input.name ?? '').trim() || input.file?.fileName?.trim() || '';
  if (!name) c.add('Name', 'required', 'A document needs a name (or a file with one).');
  else if (name.length > 255) c.add('Name', 'too_long', 'At most 255 characters.', '255');
  const description = input.description?.trim() || null;
  if (description && description.length > 2000) c.add('Description', 'too_long', 'At most 2000 characters.', '2000');
  const date = input.documentDate?.trim().slice(0, 10) || null;
  if (date && !isIsoDate(date)) c.add('DocumentDate', 'invalid', 'A date YYYY-MM-DD.');
  const tags = (input.tags ?? []).map((t) => String(t).trim()).filter(Boolean);
  if (tags.length > 50 || tags.some((t) => t.length > 100))
    c.add('Tags', 'too_long', 'At most 50 tags of 100 characters.', '50');
  c.throwIfAny('The document is invalid.');
  const file = input.file ? await storeFile(tx, accountId, input.file) : null;
  const row = await tx
    .insertInto('uploaded_documents')
    .values({
      account_id: accountId,
      name,
      description,
      document_date: date,
      tags: JSON.stringify(tags),
      file_id: file?.id ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

function documentQuery(tx: Tx, accountId: number) {
  return tx
    .selectFrom('uploaded_documents as d')
    .leftJoin('stored_files as f', (j) => j.onRef('f.account_id', '=', 'd.account_id').onRef('f.id', '=', 'd.file_id'))
    .where('d.account_id', '=', accountId);
}

const COLUMNS = [
  'd.id',
  'd.name',
  'd.description',
  'd.document_date',
  'd.tags',
  'd.created_at',
  'f.id as file_id',
  'f.file_name',
  'f.mime_type',
] as const;

type Row = {
  id: number;
  name: string;
  description: string | null;
  document_date: string | null;
  tags: string[];
  created_at: string;
  file_id: string | null;
  file_name: string | null;
  mime_type: string | null;
};

function toDocument(r: Row): UploadedDocument {
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    documentDate: r.document_date,
    tags: r.tags,
    file: r.file_id ? { id: r.file_id, fileName: r.file_name ?? '', mimeType: r.mime_type ?? '' } : null,
    createdAt: r.created_at,
  };
}

export async function getUploadedDocument(tx: Tx, accountId: number, id: number): Promise<UploadedDocument> {
  const row = await documentQuery(tx, accountId).select(COLUMNS).where('d.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('document', id);
  return toDocument(row as Row);
}

/** Newest first. */
export async function listUploadedDocuments(
  tx: Tx,
  accountId: number,
  page: PageRequest,
): Promise<Page<UploadedDocument>> {
  const rows = await documentQuery(tx, accountId)
    .select(COLUMNS)
    .orderBy('d.id', 'desc')
    .limit(page.perPage)
    .offset((page.page - 1) * page.perPage)
    .execute();
  const count = await tx
    .selectFrom('uploaded_documents')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('account_id', '=', accountId)
    .executeTakeFirstOrThrow();
  const total = Number(count.n);
  return {
    items: rows.map((r) => toDocument(r as Row)),
    total,
    page: page.page,
    perPage: page.perPage,
    totalPages: Math.max(1, Math.ceil(total / page.perPage)),
  };
}
