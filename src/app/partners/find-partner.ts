import { belgianVatNumber } from '../../domain/be/enterprise-number.js';
import { validateTaxId } from '../../domain/pt/nif.js';
import type { Tx } from '../context.js';

export interface PartnerAccount {
  id: number;
  legalName: string;
  tradeName: string | null;
  taxId: string;
  country: string;
  street: string | null;
  postalCode: string | null;
  city: string | null;
  email: string | null;
  phone: string | null;
  iban: string | null;
}

/**
 * The ways a partner's tax id may have been stored: a Portuguese NIF as its 9 digits, a Belgian one as the VAT
 * number `BE…`, anything else as written.
 */
export function partnerTaxIdForms(taxId: string): string[] {
  const raw = String(taxId ?? '').trim();
  const forms = new Set([raw, raw.toUpperCase(), validateTaxId(raw, 'PT').normalized]);
  const be = belgianVatNumber(raw);
  if (be) forms.add(be);
  return [...forms].filter((f) => f !== '');
}

/** The partner with that tax id among the accounts `parentAccountId` created (AddPartner), or undefined. */
export async function findPartner(tx: Tx, parentAccountId: number, taxId: string): Promise<PartnerAccount | undefined> {
  const forms = partnerTaxIdForms(taxId);
  if (forms.length === 0) return undefined;
  const row = await tx
    .selectFrom('accounts')
    .select([
      'id',
      'legal_name',
      'trade_name',
      'tax_id',
      'country',
      'street',
      'postal_code',
      'city',
      'email',
      'phone',
      'iban',
    ])
    .where('parent_account_id', '=', parentAccountId)
    .where('tax_id', 'in', forms)
    .orderBy('id')
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    legalName: row.legal_name,
    tradeName: row.trade_name,
    taxId: row.tax_id,
    country: row.country,
    street: row.street,
    postalCode: row.postal_code,
    city: row.city,
    email: row.email,
    phone: row.phone,
    iban: row.iban,
  };
}
