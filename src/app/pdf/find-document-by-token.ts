import { timingSafeEqual } from 'node:crypto';
import { notFound } from '../../domain/errors.js';
import type { Tx } from '../context.js';

/**
 * Resolves a public download link (`/download/:id/:token`) to its document, or throws not_found the same way
 * whether the id or the token is wrong. The token is compared in constant time.
 * NOTE: the one lookup without an account filter: the link carries no account, and `id` is the primary key.
 */
export async function findDocumentByToken(
  tx: Tx,
  documentId: number,
  token: string,
): Promise<{ accountId: number; documentId: number }> {
  const missing = () => notFound('document');
  if (!Number.isSafeInteger(documentId) || documentId < 1 || !/^[0-9a-f]{48}$/.test(token)) throw missing();
  const row = await tx
    .selectFrom('documents')
    .select(['account_id', 'download_token'])
    .where('id', '=', documentId)
    .executeTakeFirst();
  const given = Buffer.from(token, 'utf8');
  const expected = Buffer.from(row?.download_token ?? '0'.repeat(48), 'utf8');
  const same = given.length === expected.length && timingSafeEqual(given, expected);
  if (!row || !same) throw missing();
  return { accountId: row.account_id, documentId };
}
