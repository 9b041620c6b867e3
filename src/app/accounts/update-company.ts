import { IssueCollector, DomainError } from '../../domain/errors.js';
import type { Tx } from '../context.js';
import { getAccount } from './get-account.js';

export interface CompanyInput {
  legalName?: string;
  tradeName?: string | null;
  street?: string | null;
  postalCode?: string | null;
  city?: string | null;
  email?: string | null;
  phone?: string | null;
  website?: string | null;
  /** Refused when it differs: see below. */
  taxId?: string;
  /** Refused when it differs: the regime (tax rates, AT, SAF-T) follows the country. */
  country?: string;
}

export const COMPANY_LIMITS = {
  legalName: 200,
  tradeName: 200,
  street: 200,
  postalCode: 20,
  city: 50,
  email: 254,
  phone: 30,
  website: 200,
} as const;

type TextField = keyof typeof COMPANY_LIMITS;
const COLUMNS: Record<TextField, string> = {
  legalName: 'legal_name',
  tradeName: 'trade_name',
  street: 'street',
  postalCode: 'postal_code',
  city: 'city',
  email: 'email',
  phone: 'phone',
  website: 'website',
};
const PT_POSTAL_CODE = /^\d{4}-\d{3}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Changes the company data printed on documents issued from now on; answers the account. Issued documents keep the
 * seller snapshot taken at finalize. An absent field is kept, null (or blank) clears it; the legal name is required.
 * NOTE: the tax id cannot change — series registered at AT (Portaria 195/2020), the signing chain and every signed
 * document name it; a new NIF is a new account.
 */
export async function updateCompany(tx: Tx, accountId: number, input: CompanyInput) {
  const current = await getAccount(tx, accountId);
  if (input.taxId !== undefined && input.taxId.trim() !== current.taxId)
    throw new DomainError(
      'validation',
      'The tax id of an account cannot change: it names its series at AT and its signed documents.',
      [{ field: 'taxId', issue: 'immutable', message: 'The tax id cannot change; a new tax id needs a new account.' }],
    );
  if (input.country !== undefined && input.country.trim().toUpperCase() !== current.country)
    throw new DomainError('validation', 'The country of an account cannot change: its fiscal regime follows it.', [
      { field: 'country', issue: 'immutable', message: 'The country cannot change.' },
    ]);
  const c = new IssueCollector();
  const set: Record<string, string | null> = {};
  for (const field of Object.keys(COMPANY_LIMITS) as TextField[]) {
    const raw = input[field];
    if (raw === undefined) continue;
    const v = raw === null ? null : String(raw).trim() || null;
    if (v !== null && v.includes('\0')) c.add(field, 'invalid', 'A NUL character is not allowed.');
    else if (v !== null && v.length > COMPANY_LIMITS[field])
      c.add(field, 'too_long', `At most ${COMPANY_LIMITS[field]} characters.`, String(COMPANY_LIMITS[field]));
    else if (field === 'legalName' && v === null) c.add(field, 'required', 'The legal name is required.');
    else if (field === 'postalCode' && v !== null && current.country === 'PT' && !PT_POSTAL_CODE.test(v))
      c.add(field, 'invalid', 'Portuguese postal codes are NNNN-NNN.', v);
    else if (field === 'email' && v !== null && !EMAIL.test(v)) c.add(field, 'invalid', 'Not an e-mail address.');
    set[COLUMNS[field]] = v;
  }
  c.throwIfAny();
  if (Object.keys(set).length > 0) await tx.updateTable('accounts').set(set).where('id', '=', accountId).execute();
  return getAccount(tx, accountId);
}
