import { nextOrderNumber } from '../../../app/billit/next-order-number.js';
import { getAccount } from '../../../app/accounts/get-account.js';
import { BillitError } from '../billit-error.js';
import type { Route } from '../context.js';
import { billitDateTime } from '../dates.js';
import { ORDER_TYPES } from '../order-types.js';

/** `Income-Invoice` → FT, `Income-CreditNote` → NC, … (Billit's SequenceType: direction and OrderType). */
function sequenceDocType(sequenceType: string): string | undefined {
  const m = /^income-(\w+)$/i.exec(sequenceType.trim());
  if (!m) return undefined;
  const key = (Object.keys(ORDER_TYPES) as (keyof typeof ORDER_TYPES)[]).find(
    (k) => k.toLowerCase() === m[1]!.toLowerCase(),
  );
  return key ? ORDER_TYPES[key] : undefined;
}

/**
 * `GET /v1/account/accountInformation`: the company the request acts for (E uses it as its connectivity check), and
 * `POST /v1/account/sequences {SequenceType, Consume}` → the next number as a JSON string. Consume does not reserve
 * it: a number is taken only when a document is issued, so the legal series stays gapless (nextOrderNumber).
 */
export function registerAccount(route: Route): void {
  route('GET', '/account/accountInformation', {}, async (c) => {
    const a = await getAccount(c.db, c.accountId);
    const company = {
      PartyID: a.id,
      CompanyID: a.id,
      Name: a.tradeName || a.legalName,
      CommercialName: a.tradeName || a.legalName,
      LegalName: a.legalName,
      VATNumber: a.taxId,
      Email: a.email,
      IBAN: a.iban,
      BIC: a.bic,
      Language: a.defaultLanguage.toUpperCase(),
      Currency: a.defaultCurrency,
      Street: a.street,
      Zipcode: a.postalCode,
      City: a.city,
      CountryCode: a.country,
      Addresses: [
        {
          AddressType: 'InvoiceAddress',
          Street: a.street,
          Zipcode: a.postalCode,
          City: a.city,
          CountryCode: a.country,
        },
      ],
      Sandbox: a.sandbox,
      Created: billitDateTime(a.createdAt as unknown as string),
    };
    return { ...company, Company: company, Companies: [company] };
  });

  route('POST', '/account/sequences', {}, async (c) => {
    const raw = c.body.text('SequenceType');
    c.body.bool('Consume');
    if (!raw) c.body.fail('Required', 'The field SequenceType is required.');
    c.body.check();
    const docType = sequenceDocType(raw!);
    if (!docType)
      throw BillitError.generic(
        `The SequenceType '${raw}' is not valid: use Income-${Object.keys(ORDER_TYPES).join(', Income-')}.`,
      );
    return nextOrderNumber(c.db, c.accountId, docType);
  });
}
