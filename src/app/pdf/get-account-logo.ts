import { sql } from 'kysely';
import { notFound } from '../../domain/errors.js';
import type { Tx } from '../context.js';

/** The account's logo bytes, for display and for rendering. */
export async function getAccountLogo(
  tx: Tx,
  accountId: number,
): Promise<{ contentType: 'image/png' | 'image/jpeg'; bytes: Uint8Array; sha256: string }> {
  const row = await tx
    .selectFrom('account_logos')
    .select(['content_type', sql<string>`encode(bytes, 'base64')`.as('b64'), 'sha256'])
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  if (!row) throw notFound('logo');
  return { contentType: row.content_type, bytes: Buffer.from(row.b64, 'base64'), sha256: row.sha256 };
}
