import { generateKeyPairSync } from 'node:crypto';
import { IssueCollector } from '../../domain/errors.js';
import { belgianVatNumber } from '../../domain/be/enterprise-number.js';
import { validateTaxId } from '../../domain/pt/nif.js';
import { REGIME_CODES } from '../../domain/regime/fiscal-regime.js';
import { isRegimeCode, regimeOf } from '../../domain/regime/registry.js';
import type { Tx } from '../context.js';
import {
  DEFAULT_PAYMENT_METHODS,
  DEFAULT_SHIPPING_METHODS,
  DEFAULT_UNITS,
  defaultTaxes,
} from './default-reference-data.js';
import { generateApiKey, hashApiKey, apiKeyPrefix, hashPassword } from './credentials.js';

export interface CreateAccountInput {
  legalName: string;
  tradeName?: string | null;
  taxId: string;
  country?: string;
  street?: string | null;
  postalCode?: string | null;
  city?: string | null;
  email?: string | null;
  defaultLanguage?: 'pt' | 'en' | 'fr' | 'nl' | 'de';
  sandbox?: boolean;
  softwareCertNumber?: number;
  owner: { email: string; name?: string; password?: string | null };
  /** Use this key instead of generating one (BOOTSTRAP_API_KEY). */
  apiKey?: string;
}

export interface CreatedAccount {
  accountId: number;
  userId: number;
  apiKey: string;
  apiKeyId: number;
}

/** Creates a tenant with everything needed to issue a document at once: keys, taxes, series, store, final consumer. */
export async function createAccount(tx: Tx, now: Date, input: CreateAccountInput): Promise<CreatedAccount> {
  const c = new IssueCollector();
  const country = (input.country ?? 'PT').trim().toUpperCase();
  // The country names the fiscal regime the account issues under, fixed once it finalized a document (0020).
  if (!isRegimeCode(country))
    c.add('country', 'invalid', `The country of the seller's fiscal regime: one of ${REGIME_CODES.join(', ')}.`);
  if (!input.legalName?.trim()) c.add('legalName', 'required', 'The legal name is required.');
  let taxId = validateTaxId(input.taxId ?? '', 'PT');
  if (country === 'BE') {
    // NOTE: a Belgian seller is identified by its VAT number BE + the 10-digit KBO/BCE enterprise number (mod 97).
    const vat = belgianVatNumber(input.taxId ?? '');
    taxId = { valid: vat !== null, normalized: vat ?? '' };
    if (!vat) c.add('taxId', 'invalid', 'Not a valid Belgian enterprise or VAT number (BE + 10 digits, mod-97 check).');
  } else if (!taxId.valid) c.add('taxId', 'invalid', 'Not a valid tax id for the country.');
  const language = input.defaultLanguage ?? (country === 'BE' ? 'fr' : 'pt');
  if (!['pt', 'en', 'fr', 'nl', 'de'].includes(language))
    c.add('defaultLanguage', 'invalid', 'One of pt, en, fr, nl, de.');
  if (!input.owner?.email?.includes('@')) c.add('owner.email', 'invalid', 'A valid e-mail is required.');
  c.throwIfAny();

  const account = await tx
    .insertInto('accounts')
    .values({
      legal_name: input.legalName.trim(),
      trade_name: input.tradeName ?? null,
      tax_id: taxId.normalized,
      country,
      street: input.street ?? null,
      postal_code: input.postalCode ?? null,
      city: input.city ?? null,
      email: input.email ?? input.owner.email,
      default_language: language,
      sandbox: input.sandbox ?? true,
      software_cert_number: input.softwareCertNumber ?? 0,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const accountId = account.id;

  // NOTE: D8632 §4.1–4.3 — RSA 1024-bit key (172-char signatures fit SAF-T's Hash), version kept per document.
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
  await tx
    .insertInto('signing_keys')
    .values({
      account_id: accountId,
      version: 1,
      private_pem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      public_pem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    })
    .execute();

  const user = await tx
    .insertInto('users')
    .values({
      account_id: accountId,
      email: input.owner.email.trim().toLowerCase(),
      name: input.owner.name ?? '',
      role: 'owner',
      password_hash: input.owner.password ? await hashPassword(input.owner.password) : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();

  const apiKey = input.apiKey ?? generateApiKey(input.sandbox ?? true);
  const key = await tx
    .insertInto('api_keys')
    .values({
      account_id: accountId,
      user_id: user.id,
      name: 'default',
      prefix: apiKeyPrefix(apiKey),
      key_hash: hashApiKey(apiKey),
      scope: 'admin',
    })
    .returning('id')
    .executeTakeFirstOrThrow();

  const today = regimeOf({ country }).today(now);
  const taxes = await tx
    .insertInto('taxes')
    .values(defaultTaxes(today, country === 'BE' ? 'BE' : 'PT').map((t) => ({ ...t, account_id: accountId })))
    .returning(['id', 'is_default'])
    .execute();
  await tx
    .updateTable('accounts')
    .set({ default_tax_id: taxes.find((t) => t.is_default)!.id })
    .where('id', '=', accountId)
    .execute();
  await tx
    .insertInto('units')
    .values(DEFAULT_UNITS.map((u) => ({ ...u, account_id: accountId })))
    .execute();
  await tx
    .insertInto('payment_methods')
    .values(DEFAULT_PAYMENT_METHODS.map((p) => ({ ...p, account_id: accountId })))
    .execute();
  await tx
    .insertInto('shipping_methods')
    .values(DEFAULT_SHIPPING_METHODS.map((s) => ({ ...s, account_id: accountId })))
    .execute();

  const series = await tx
    .insertInto('series')
    .values({
      account_id: accountId,
      code: `A${today.slice(0, 4)}`,
      description: country === 'BE' ? 'Série principale / Hoofdreeks' : 'Série principal',
      is_default: true,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await tx
    .insertInto('stores')
    .values({
      account_id: accountId,
      name: country === 'BE' ? 'Siège / Hoofdzetel' : 'Loja Principal',
      is_default: true,
      default_series_id: series.id,
      country,
    })
    .execute();
  await tx
    .insertInto('contacts')
    .values({
      account_id: accountId,
      code: 'CF',
      name: country === 'BE' ? 'Consommateur final / Eindverbruiker' : 'Consumidor final',
      // Portugal's final consumer is NIF 999999990; a Belgian one has no VAT number.
      tax_id: regimeOf({ country }).finalConsumerTaxId,
      country,
      is_final_consumer: true,
    })
    .execute();
  return { accountId, userId: user.id, apiKey, apiKeyId: key.id };
}
