import { sql } from 'kysely';
import { isContactEmail } from '../../domain/email/contact-email.js';
import { DomainError, IssueCollector } from '../../domain/errors.js';
import { normalizePtPostalCode } from '../../domain/pt/postal-code.js';
import { REGIME_CODES } from '../../domain/regime/fiscal-regime.js';
import { isRegimeCode } from '../../domain/regime/registry.js';
import { checkTaxId } from '../../domain/tax-id.js';
import type { SecretBox } from '../at/ports.js';
import type { Tx } from '../context.js';
import { createAccount } from '../accounts/create-account.js';
import { keepPartnerToken } from './partner-tokens.js';

export interface PartnerInput {
  companyTaxId: string;
  companyLegalName: string;
  companyAddress?: string | null;
  companyCity?: string | null;
  companyPostCode?: string | null;
  /** ISO 3166 alpha-2 of the partner's fiscal regime, PT when not said. */
  companyCountry?: string | null;
  userName?: string | null;
  userEmail: string;
  userPhone?: string | null;
}

export interface AddedPartner {
  accountId: number;
  userId: number;
  taxId: string;
  legalName: string;
  country: string;
  userEmail: string;
}

const text = (v: string | null | undefined) => {
  const t = (v ?? '').trim();
  return t === '' ? null : t;
};

/**
 * Creates a partner of `parentAccountId`: a complete account of its own (series, taxes, signing key, a user with
 * the partner's e-mail and an admin key) linked to its parent, in the parent's sandbox or live mode. The partner's
 * key is not returned: it is kept sealed for `partnerTokens`. One partner per tax id under a parent (`conflict`);
 * a user e-mail already in use by any account is a `validation` error on `userEmail`.
 */
export async function addPartner(
  tx: Tx,
  now: Date,
  parentAccountId: number,
  input: PartnerInput,
  secrets: SecretBox | undefined,
): Promise<AddedPartner> {
  const country = (text(input.companyCountry) ?? 'PT').toUpperCase();
  const taxId = checkTaxId(String(input.companyTaxId ?? ''), country);
  if (!taxId.valid)
    throw new DomainError('invalid_tax_id', 'The company tax id is not valid for its country.', [
      { field: 'companyTaxId', issue: 'invalid', message: `Not a valid tax id for ${country}.` },
    ]);
  const c = new IssueCollector();
  if (!isRegimeCode(country))
    c.add('companyCountry', 'invalid', `A partner issues under one of ${REGIME_CODES.join(', ')}.`, country);
  const legalName = text(input.companyLegalName);
  if (!legalName) c.add('companyLegalName', 'required', 'The company legal name is required.');
  const email = (text(input.userEmail) ?? '').toLowerCase();
  if (!email) c.add('userEmail', 'required', "The partner user's e-mail is required.");
  else if (!isContactEmail(email)) c.add('userEmail', 'invalid', 'Not a valid e-mail address.');
  let postalCode = text(input.companyPostCode);
  if (postalCode && country === 'PT') {
    const pt = normalizePtPostalCode(postalCode);
    if (!pt) c.add('companyPostCode', 'invalid', 'A Portuguese postal code: NNNN-NNN.', postalCode);
    postalCode = pt ?? postalCode;
  }
  c.throwIfAny();

  // Two AddPartner calls for one tax id at once wait for each other: the second sees the first's partner.
  await sql`select pg_advisory_xact_lock(hashtextextended(${`account-partner:${parentAccountId}:${taxId.normalized}`}, 0))`.execute(
    tx,
  );
  const parent = await tx
    .selectFrom('accounts')
    .select(['sandbox', 'software_cert_number'])
    .where('id', '=', parentAccountId)
    .executeTakeFirstOrThrow();
  const existing = await tx
    .selectFrom('accounts')
    .select('id')
    .where('parent_account_id', '=', parentAccountId)
    .where('tax_id', '=', taxId.normalized)
    .executeTakeFirst();
  if (existing)
    throw new DomainError(
      'conflict',
      `A partner with tax id ${taxId.normalized} already exists.`,
      [{ field: 'companyTaxId', issue: 'not_unique', message: 'Already a partner of this account.' }],
      { resource: 'partner' },
    );
  const taken = await tx
    .selectFrom('users')
    .select('id')
    .where((eb) => eb.fn('lower', ['email']), '=', email)
    .executeTakeFirst();
  if (taken)
    throw new DomainError('validation', 'The e-mail is already the login of another user.', [
      { field: 'userEmail', issue: 'not_unique', message: 'Already in use by another user.' },
    ]);

  const created = await createAccount(tx, now, {
    legalName: legalName!,
    taxId: taxId.normalized,
    country,
    street: text(input.companyAddress),
    postalCode,
    city: text(input.companyCity),
    email,
    sandbox: parent.sandbox,
    softwareCertNumber: parent.software_cert_number,
    owner: { email, name: text(input.userName) ?? '' },
  });
  await tx
    .updateTable('accounts')
    .set({ parent_account_id: parentAccountId, phone: text(input.userPhone) })
    .where('id', '=', created.accountId)
    .execute();
  await keepPartnerToken(tx, secrets, {
    accountId: created.accountId,
    userId: created.userId,
    keyId: created.apiKeyId,
    key: created.apiKey,
  });
  return {
    accountId: created.accountId,
    userId: created.userId,
    taxId: taxId.normalized,
    legalName: legalName!,
    country,
    userEmail: email,
  };
}
