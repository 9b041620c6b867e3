import { timingSafeEqual } from 'node:crypto';
import { sql } from 'kysely';
import { notFound } from '../../domain/errors.js';
import type { Tx } from '../context.js';

/**
 * A generated SAF-T file by its public link (`/download/saft/:id/:token`), or not_found the same way whether
 * the id or the token is wrong, or the file is not generated yet.
 * NOTE: a lookup without an account filter, as findDocumentByToken: the link carries no account, the token is the credential.
 */
export async function findSaftFileByToken(
  tx: Tx,
  id: number,
  token: string,
): Promise<{ fileName: string; bytes: Buffer }> {
  const missing = () => notFound('saft file');
  if (!Number.isSafeInteger(id) || id < 1 || !/^[0-9a-f]{48}$/.test(token)) throw missing();
  const row = await tx
    .selectFrom('saft_files')
    .select(['download_token', 'file_name', sql<string | null>`encode(bytes, 'base64')`.as('b64')])
    .where('id', '=', id)
    .executeTakeFirst();
  const given = Buffer.from(token, 'utf8');
  const expected = Buffer.from(row?.download_token ?? '0'.repeat(48), 'utf8');
  const same = given.length === expected.length && timingSafeEqual(given, expected);
  if (!row || !same || row.b64 === null || !row.file_name) throw missing();
  return { fileName: row.file_name, bytes: Buffer.from(row.b64, 'base64') };
}
