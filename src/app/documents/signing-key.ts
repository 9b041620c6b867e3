import type { KeyObject } from 'node:crypto';
import { DomainError } from '../../domain/errors.js';
import { loadPrivateKey } from '../../domain/pt/signature.js';
import type { Tx } from '../context.js';

// Parsed keys are immutable per (account, version), so caching them is safe across requests.
const parsed = new Map<string, KeyObject>();

export async function activeSigningKey(tx: Tx, accountId: number): Promise<{ version: number; key: KeyObject }> {
  const row = await tx.selectFrom('signing_keys').select(['version', 'private_pem'])
    .where('account_id', '=', accountId).where('active', '=', true).executeTakeFirst();
  if (!row) throw new DomainError('conflict', 'The account has no active signing key.');
  const cacheKey = `${accountId}:${row.version}`;
  let key = parsed.get(cacheKey);
  if (!key) {
    key = loadPrivateKey(row.private_pem);
    parsed.set(cacheKey, key);
  }
  return { version: row.version, key };
}
