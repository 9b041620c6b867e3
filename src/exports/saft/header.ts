import { DomainError } from '../../domain/errors.js';
import { lisbonDate } from '../../domain/time.js';
import type { SaftAccount } from '../../app/saft/get-saft-account.js';
import type { SaftPeriod } from './period.js';
import type { SaftSoftware } from './software.js';
import { type XmlRecord, text, textOr } from './xml.js';
import { addressStructure } from './address.js';

// NOTE: XSD CompanyID — the NIF, or "<conservatória> <registration number>" in at most 50 characters.
const COMPANY_REGISTRY = /^[^^]+ [0-9/]+$/;
const companyId = (registry: string | undefined, taxId: string) =>
  registry && [...registry].length <= 50 && COMPANY_REGISTRY.test(registry) ? registry : taxId;

/**
 * NOTE: XSD TaxRegistrationNumber (SAFPTPortugueseVatNumber) — SAF-T (PT) is the file of a Portuguese taxpayer:
 * the issuer's NIF, 9 digits. Checked before the first byte is written.
 */
export function checkSaftIssuer(account: SaftAccount): void {
  if (!/^[1-9]\d{8}$/.test(account.tax_id)) {
    throw new DomainError(
      'conflict',
      'SAF-T (PT) is produced for a Portuguese taxpayer: the account needs a Portuguese NIF.',
      [{ field: 'account.taxId', issue: 'invalid', message: 'A 9-digit Portuguese NIF.', value: account.tax_id }],
    );
  }
}

/**
 * The Header, in the XSD's sequence. NOTE: P302 §1 — TaxAccountingBasis F (billing only), TaxEntity "Global"
 * for a billing file, CurrencyCode EUR, DateCreated the day the file is made.
 */
export function headerRecord(account: SaftAccount, period: SaftPeriod, now: Date, software: SaftSoftware): XmlRecord {
  return {
    AuditFileVersion: '1.04_01',
    CompanyID: companyId(text(account.company_registry, 1000), account.tax_id),
    TaxRegistrationNumber: account.tax_id,
    TaxAccountingBasis: 'F',
    CompanyName: textOr(account.legal_name, 100, account.tax_id),
    BusinessName: text(account.trade_name, 60),
    CompanyAddress: addressStructure(
      {
        street: account.street,
        city: account.city,
        postalCode: account.postal_code,
        region: account.region,
        country: account.country,
      },
      false,
    ),
    FiscalYear: period.from.slice(0, 4),
    StartDate: period.from,
    EndDate: period.to,
    CurrencyCode: 'EUR',
    DateCreated: lisbonDate(now),
    TaxEntity: 'Global',
    ProductCompanyTaxID: software.producerTaxId ?? account.tax_id,
    SoftwareCertificateNumber: String(account.software_cert_number),
    ProductID: software.productId,
    ProductVersion: software.version,
    Telephone: text(account.phone, 20),
    Email: text(account.email, 254),
    Website: text(account.website, 60),
  };
}
