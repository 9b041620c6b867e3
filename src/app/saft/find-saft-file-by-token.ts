import { timingSafeEqual } from 'node:crypto';
import { notFound } from '../../domain/errors.js';
import type { Tx } from '../context.js';
import type { StoredSaftFile } from './saft-file-chunks.js';

/**
 * A generated SAF-T file by its public link (`/download/saft/:id/:token`), or not_found the same way whether
 * the id or the token is wrong, or the file is not generated yet. Its bytes are read by saftFileChunks.
 * NOTE: a lookup without an account filter, as findDocumentByToken: the link carries no account, the token is the credential.
 */
export async function findSaftFileByToken(tx: Tx, id: number, token: string): Promise<StoredSaftFile> {
  const missing = () => notFound('saft file');
  if (!Number.isSafeInteger(id) || id < 1 || !/^[0-9a-f]{48}$/.test(token)) throw missing();
  const row = await tx
    .selectFrom('saft_files')
    .select(['account_id', 'id', 'download_token', 'file_name', 'generation', 'size'])
    .where('id', '=', id)
    .executeTakeFirst();
  const given = Buffer.from(token, 'utf8');
  const expected = Buffer.from(row?.download_token ?? '0'.repeat(48), 'utf8');
  const same = given.length === expected.length && timingSafeEqual(given, expected);
  if (!row || !same || row.generation === null || row.size === null || !row.file_name) throw missing();
  return {
    accountId: Number(row.account_id),
    id: Number(row.id),
    fileName: row.file_name,
    generation: row.generation,
    size: Number(row.size),
  };
}
