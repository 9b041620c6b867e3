import { createHash, randomUUID } from 'node:crypto';
import { IssueCollector } from '../../domain/errors.js';
import type { Tx } from '../context.js';

/** The largest file kept (attachments, uploaded documents, a caller's own order PDF). */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

export interface FileInput {
  fileName: string;
  mimeType?: string | null;
  bytes: Uint8Array;
}

export interface StoredFile {
  id: string;
  fileName: string;
  mimeType: string;
  size: number;
  sha256: string;
}

/**
 * Keeps a file and returns its FileID (a new GUID). Files are immutable once written; `field` prefixes the
 * issues (e.g. `Attachments[0]`) so a caller sees which of its files was refused.
 */
export async function storeFile(tx: Tx, accountId: number, input: FileInput, field = 'File'): Promise<StoredFile> {
  const c = new IssueCollector();
  const fileName = typeof input.fileName === 'string' ? input.fileName.trim() : '';
  if (!fileName) c.add(`${field}.FileName`, 'required', 'A file needs a name.');
  else if (fileName.length > 255) c.add(`${field}.FileName`, 'too_long', 'At most 255 characters.', '255');
  const mimeType = (input.mimeType ?? '').trim() || 'application/octet-stream';
  if (mimeType.length > 255 || !/^[\w.+-]+\/[\w.+-]+(;.*)?$/.test(mimeType))
    c.add(`${field}.MimeType`, 'invalid', 'A MIME type such as application/pdf.');
  if (!input.bytes?.length) c.add(`${field}.FileContent`, 'required', 'The file is empty.');
  else if (input.bytes.length > MAX_FILE_BYTES)
    c.add(`${field}.FileContent`, 'too_large', `At most ${MAX_FILE_BYTES} bytes.`, String(MAX_FILE_BYTES));
  c.throwIfAny('The file is invalid.');
  const id = randomUUID();
  const sha256 = createHash('sha256').update(input.bytes).digest('hex');
  await tx
    .insertInto('stored_files')
    .values({ id, account_id: accountId, file_name: fileName, mime_type: mimeType, bytes: input.bytes, sha256 })
    .execute();
  return { id, fileName, mimeType, size: input.bytes.length, sha256 };
}
