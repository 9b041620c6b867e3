import { DomainError } from '../../domain/errors.js';
import type { Tx } from '../context.js';

export async function getSigningKey(tx: Tx, accountId: number): Promise<{ version: number; publicPem: string }> {
  const row = await tx
    .selectFrom('signing_keys')
    .select(['version', 'public_pem'])
    .where('account_id', '=', accountId)
    .where('active', '=', true)
    .executeTakeFirst();
  if (!row)
    throw new DomainError('not_found', 'The account has no active signing key.', [], { resource: 'signing key' });
  return { version: row.version, publicPem: row.public_pem };
}
