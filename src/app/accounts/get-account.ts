import { notFound } from '../../domain/errors.js';
import type { Tx } from '../context.js';

export async function getAccount(tx: Tx, accountId: number) {
  const a = await tx.selectFrom('accounts').selectAll().where('id', '=', accountId).executeTakeFirst();
  if (!a) throw notFound('account', accountId);
  return {
    id: a.id,
    legalName: a.legal_name,
    tradeName: a.trade_name,
    taxId: a.tax_id,
    country: a.country,
    street: a.street,
    postalCode: a.postal_code,
    city: a.city,
    email: a.email,
    phone: a.phone,
    website: a.website,
    defaultCurrency: a.default_currency,
    defaultLanguage: a.default_language,
    sandbox: a.sandbox,
    softwareCertNumber: a.software_cert_number,
    defaultTaxId: a.default_tax_id,
    iban: a.iban,
    bic: a.bic,
    createdAt: a.created_at,
  };
}
