import { createHmac, timingSafeEqual } from 'node:crypto';
import { notFound } from '../../domain/errors.js';
import type { Tx } from '../context.js';

/** How long a DocumentGet link works: MagniFinance's own links (signed S3 URLs) last two hours. */
export const DOWNLOAD_LINK_SECONDS = 2 * 60 * 60;

const TOKEN = /^([0-9a-z]{1,12})\.([A-Za-z0-9_-]{43})$/;

/**
 * The link's signature: an HMAC of the document id and the expiry, keyed with the document's own download token (a
 * secret of 24 random bytes that never leaves the server here). A link names neither the token nor the account, and
 * is worthless after its expiry or for another document.
 */
function sign(secret: string, documentId: number, expires: number): string {
  return createHmac('sha256', secret).update(`magnifinance-download:${documentId}:${expires}`).digest('base64url');
}

/** A download token for the document (`<expiry in base 36>.<signature>`), valid DOWNLOAD_LINK_SECONDS from `now`. */
export async function signDownloadLink(tx: Tx, accountId: number, documentId: number, now: Date): Promise<string> {
  const row = await tx
    .selectFrom('documents')
    .select('download_token')
    .where('account_id', '=', accountId)
    .where('id', '=', documentId)
    .executeTakeFirst();
  if (!row) throw notFound('document');
  const expires = Math.floor(now.getTime() / 1000) + DOWNLOAD_LINK_SECONDS;
  return `${expires.toString(36)}.${sign(row.download_token, documentId, expires)}`;
}

/**
 * The document of a signed link, or not_found alike for an unknown id, a forged signature and an expired link.
 * NOTE: a lookup without an account filter: the link carries no account, and `id` is the primary key.
 */
export async function openDownloadLink(
  tx: Tx,
  documentId: number,
  token: string,
  now: Date,
): Promise<{ accountId: number; documentId: number }> {
  const missing = () => notFound('document');
  const m = TOKEN.exec(token);
  if (!m || !Number.isSafeInteger(documentId) || documentId < 1) throw missing();
  const expires = parseInt(m[1]!, 36);
  if (!Number.isSafeInteger(expires) || expires * 1000 < now.getTime()) throw missing();
  const row = await tx
    .selectFrom('documents')
    .select(['account_id', 'download_token'])
    .where('id', '=', documentId)
    .executeTakeFirst();
  const given = Buffer.from(m[2]!, 'utf8');
  const expected = Buffer.from(sign(row?.download_token ?? '', documentId, expires), 'utf8');
  if (!row || given.length !== expected.length || !timingSafeEqual(given, expected)) throw missing();
  return { accountId: row.account_id, documentId };
}
