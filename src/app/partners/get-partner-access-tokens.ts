import { DomainError, notFound } from '../../domain/errors.js';
import type { SecretBox } from '../at/ports.js';
import type { Tx } from '../context.js';
import { verifyPassword } from '../accounts/credentials.js';
import { findPartner } from './find-partner.js';
import { partnerTokens, type PartnerToken } from './partner-tokens.js';

/**
 * The access tokens of the caller's partner with that tax id, once the caller's user proved its password (an
 * `unauthenticated` error otherwise, which the edge counts as a failed authentication). A tax id that is no partner
 * of the caller's account, another parent's partner included, is `not_found` (resource `partner`).
 */
export async function getPartnerAccessTokens(
  tx: Tx,
  caller: { accountId: number; userId: number },
  input: { password: string; partnerTaxId: string },
  secrets: SecretBox | undefined,
): Promise<PartnerToken[]> {
  const user = await tx
    .selectFrom('users')
    .select('password_hash')
    .where('id', '=', caller.userId)
    .where('account_id', '=', caller.accountId)
    .executeTakeFirst();
  if (!user?.password_hash || !(await verifyPassword(String(input.password ?? ''), user.password_hash)))
    throw new DomainError('unauthenticated', 'Incorrect e-mail, token or password.');
  const partner = await findPartner(tx, caller.accountId, input.partnerTaxId);
  if (!partner) throw notFound('partner', String(input.partnerTaxId ?? '').trim());
  return partnerTokens(tx, partner.id, secrets);
}
