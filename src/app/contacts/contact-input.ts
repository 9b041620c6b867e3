import { IssueCollector } from '../../domain/errors.js';
import { checkTaxId } from '../../domain/tax-id.js';
import { isValidPtPostalCode } from '../../domain/pt/postal-code.js';
import { DomainError } from '../../domain/errors.js';
import { parseDecimal } from '../../domain/money/decimal.js';
import { isContactEmail } from '../../domain/email/contact-email.js';

export interface ContactInput {
  code?: string | null;
  kind?: 'customer' | 'supplier' | 'both';
  name?: string;
  taxId?: string | null;
  email?: string | null;
  street?: string | null;
  postalCode?: string | null;
  city?: string | null;
  country?: string | null;
  phone?: string | null;
  website?: string | null;
  contactPerson?: string | null;
  paymentTermsDays?: number | null;
  defaultDiscount?: string | number | null;
  withholding?: boolean | null;
  language?: 'pt' | 'en' | 'fr' | null;
  typeIds?: number[] | null;
  defaultPaymentMethodId?: number | null;
  defaultShippingMethodId?: number | null;
  observations?: string | null;
  /** Hidden from pickers (bill.pt `visivel: 0`); still usable by id on documents. */
  archived?: boolean | null;
}

/** Validates and normalizes contact fields into column values; `partial` for updates. */
export function contactValues(input: ContactInput, partial: boolean, path = '') {
  const c = new IssueCollector();
  const f = (name: string) => (path ? `${path}.${name}` : name);
  const out: Record<string, unknown> = {};
  const country = (input.country ?? (partial ? undefined : 'PT'))?.toUpperCase();

  if (input.name !== undefined || !partial) {
    const name = input.name?.trim();
    if (!name) c.add(f('name'), 'required', 'The name is required.');
    else if (name.length > 100) c.add(f('name'), 'too_long', 'At most 100 characters.', '100');
    else out.name = name;
  }
  if (input.code !== undefined && input.code !== null) {
    const code = String(input.code).trim();
    if (!code) c.add(f('code'), 'required', 'The code cannot be empty.');
    else if (code.length > 30) c.add(f('code'), 'too_long', 'At most 30 characters.', '30');
    else out.code = code;
  }
  if (country !== undefined) {
    if (!/^[A-Z]{2}$/.test(country)) c.add(f('country'), 'invalid', 'Use an ISO 3166-1 alpha-2 country code.');
    else out.country = country;
  }
  if (input.email !== undefined) {
    const email = input.email?.trim() || null;
    if (email && (!isContactEmail(email) || email.length > 254))
      c.add(f('email'), 'invalid', 'Not a valid e-mail address.');
    else out.email = email;
  }
  for (const [k, col, max] of [
    ['street', 'street', 200],
    ['city', 'city', 50],
    ['phone', 'phone', 30],
    ['website', 'website', 200],
    ['contactPerson', 'contact_person', 100],
    ['observations', 'observations', 1000],
  ] as const) {
    const v = input[k];
    if (v === undefined) continue;
    const s = v === null ? null : String(v).trim() || null;
    if (s && s.length > max) c.add(f(k), 'too_long', `At most ${max} characters.`, String(max));
    else out[col] = s;
  }
  if (input.paymentTermsDays !== undefined && input.paymentTermsDays !== null) {
    if (!Number.isInteger(input.paymentTermsDays) || input.paymentTermsDays < 0)
      c.add(f('paymentTermsDays'), 'invalid', 'A whole number of days, 0 or more.');
    else out.payment_terms_days = input.paymentTermsDays;
  }
  if (input.defaultDiscount !== undefined && input.defaultDiscount !== null) {
    const d = parseDecimal(input.defaultDiscount);
    if (!d || d.lt(0) || d.gt(100)) c.add(f('defaultDiscount'), 'out_of_range', 'A percentage between 0 and 100.');
    else out.default_discount = d.toString();
  }
  if (input.withholding !== undefined && input.withholding !== null) out.withholding = !!input.withholding;
  if (input.archived !== undefined && input.archived !== null) out.archived = !!input.archived;
  if (input.language !== undefined) {
    if (input.language !== null && !['pt', 'en', 'fr'].includes(input.language))
      c.add(f('language'), 'invalid', 'One of pt, en, fr.');
    else out.language = input.language;
  }
  if (input.kind !== undefined) {
    if (!['customer', 'supplier', 'both'].includes(input.kind))
      c.add(f('kind'), 'invalid', 'One of customer, supplier, both.');
    else out.kind = input.kind;
  }
  if (input.typeIds !== undefined) out.type_ids = input.typeIds ?? [];
  if (input.defaultPaymentMethodId !== undefined) out.default_payment_method_id = input.defaultPaymentMethodId;
  if (input.defaultShippingMethodId !== undefined) out.default_shipping_method_id = input.defaultShippingMethodId;
  c.throwIfAny();

  const effectiveCountry = (out.country as string | undefined) ?? country ?? 'PT';
  if (input.taxId !== undefined) {
    const raw = input.taxId === null ? '' : String(input.taxId).trim();
    if (!raw) out.tax_id = null;
    else {
      const v = checkTaxId(raw, effectiveCountry);
      if (!v.valid) {
        throw new DomainError('invalid_tax_id', `Tax id ${raw} is not valid for ${effectiveCountry}.`, [
          { field: f('taxId'), issue: 'invalid', message: 'Invalid check digit or format.', value: raw },
        ]);
      }
      out.tax_id = v.normalized;
    }
  }
  if (typeof out.postal_code === 'undefined' && input.postalCode !== undefined) {
    const pc = input.postalCode?.trim() || null;
    if (pc && effectiveCountry === 'PT' && !isValidPtPostalCode(pc)) {
      throw new DomainError('invalid_postal_code', 'Portuguese postal codes are NNNN-NNN.', [
        { field: f('postalCode'), issue: 'invalid', message: 'Use the format NNNN-NNN.', value: pc },
      ]);
    }
    out.postal_code = pc;
  }
  return out;
}
