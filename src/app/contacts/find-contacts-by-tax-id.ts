import { sql } from 'kysely';
import { validateTaxId } from '../../domain/pt/nif.js';
import type { Tx } from '../context.js';

/**
 * The ids of the account's contacts whose tax id is `taxId` (read for `country` and normalized as contacts store
 * it), lowest first. With `lock`, first takes a transaction-scoped advisory lock on (account, tax id): callers that
 * check and then write (e.g. a rule that a tax id is used once) serialize on it until their transaction ends, so two
 * concurrent writes of the same tax id cannot both see it free.
 */
export async function findContactsByTaxId(
  tx: Tx,
  accountId: number,
  taxId: string,
  country: string,
  opts: { lock?: boolean } = {},
): Promise<{ taxId: string; ids: number[] }> {
  const raw = taxId.trim();
  const v = validateTaxId(raw, (country || 'PT').toUpperCase());
  const normalized = v.valid ? v.normalized : raw;
  if (opts.lock) {
    await sql`select pg_advisory_xact_lock(hashtextextended(${`contact-tax-id:${accountId}:${normalized}`}, 0))`.execute(
      tx,
    );
  }
  const rows = await tx
    .selectFrom('contacts')
    .select('id')
    .where('account_id', '=', accountId)
    .where('tax_id', '=', normalized)
    .orderBy('id')
    .execute();
  return { taxId: normalized, ids: rows.map((r) => r.id) };
}
