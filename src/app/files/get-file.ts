import { notFound } from '../../domain/errors.js';
import { isFileId } from '../../domain/files/file-id.js';
import type { Tx } from '../context.js';

export interface FileContent {
  id: string;
  fileName: string;
  mimeType: string;
  bytes: Buffer;
  sha256: string;
  createdAt: string;
}

/** A stored file of the account, with its bytes; another account's id (or a malformed one) is not found. */
export async function getFile(tx: Tx, accountId: number, id: string): Promise<FileContent> {
  if (!isFileId(id)) throw notFound('file', id);
  const row = await tx
    .selectFrom('stored_files')
    .select(['id', 'file_name', 'mime_type', 'bytes', 'sha256', 'created_at'])
    .where('account_id', '=', accountId)
    .where('id', '=', id.toLowerCase())
    .executeTakeFirst();
  if (!row) throw notFound('file', id);
  return {
    id: row.id,
    fileName: row.file_name,
    mimeType: row.mime_type,
    bytes: Buffer.from(row.bytes),
    sha256: row.sha256,
    createdAt: row.created_at,
  };
}

/** The names and types of several files at once (no bytes), in the order asked; unknown ids are left out. */
export async function describeFiles(tx: Tx, accountId: number, ids: string[]) {
  const wanted = ids.filter(isFileId).map((i) => i.toLowerCase());
  if (!wanted.length) return [];
  const rows = await tx
    .selectFrom('stored_files')
    .select(['id', 'file_name', 'mime_type', 'sha256'])
    .where('account_id', '=', accountId)
    .where('id', 'in', wanted)
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return wanted.flatMap((id) => {
    const r = byId.get(id);
    return r ? [{ id: r.id, fileName: r.file_name, mimeType: r.mime_type, sha256: r.sha256 }] : [];
  });
}
