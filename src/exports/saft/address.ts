import type { IssuedAddress } from '../../domain/documents/issued-document.js';
import { type XmlRecord, text, textOr } from './xml.js';

/** NOTE: P302 2.2.6 — unknown address parts (and every part, for the final consumer) are "Desconhecido". */
export const UNKNOWN = 'Desconhecido';

// NOTE: XSD Country / CustomerCountry — ISO 3166-1 alpha-2 (the schema's list), CustomerCountry also "Desconhecido".
const ISO_COUNTRY =
  /^(AD|AE|AF|AG|AI|AL|AM|AO|AQ|AR|AS|AT|AU|AW|AX|AZ|BA|BB|BD|BE|BF|BG|BH|BI|BJ|BL|BM|BN|BO|BQ|BR|BS|BT|BV|BW|BY|BZ|CA|CC|CD|CF|CG|CH|CI|CK|CL|CM|CN|CO|CR|CU|CV|CW|CX|CY|CZ|DE|DJ|DK|DM|DO|DZ|EC|EE|EG|EH|ER|ES|ET|FI|FJ|FK|FM|FO|FR|GA|GB|GD|GE|GF|GG|GH|GI|GL|GM|GN|GP|GQ|GR|GS|GT|GU|GW|GY|HK|HM|HN|HR|HT|HU|ID|IE|IL|IM|IN|IO|IQ|IR|IS|IT|JE|JM|JO|JP|KE|KG|KH|KI|KM|KN|KP|KR|KW|KY|KZ|LA|LB|LC|LI|LK|LR|LS|LT|LU|LV|LY|MA|MC|MD|ME|MF|MG|MH|MK|ML|MM|MN|MO|MP|MQ|MR|MS|MT|MU|MV|MW|MX|MY|MZ|NA|NC|NE|NF|NG|NI|NL|NO|NP|NR|NU|NZ|OM|PA|PE|PF|PG|PH|PK|PL|PM|PN|PR|PS|PT|PW|PY|QA|RE|RO|RS|RU|RW|SA|SB|SC|SD|SE|SG|SH|SI|SJ|SK|SL|SM|SN|SO|SR|SS|ST|SV|SX|SY|SZ|TC|TD|TF|TG|TH|TJ|TK|TL|TM|TN|TO|TR|TT|TV|TW|TZ|UA|UG|UM|US|UY|UZ|VA|VC|VE|VG|VI|VN|VU|WF|WS|XK|YE|YT|ZA|ZM|ZW)$/;

export interface AddressParts extends IssuedAddress {
  region?: string | null;
}

/**
 * AddressStructure / CustomerAddressStructure: AddressDetail, City, PostalCode, Region?, Country.
 * `customer` allows "Desconhecido" as the country; the company's own address needs an ISO code (PT by default).
 */
export function addressStructure(a: AddressParts | null | undefined, customer: boolean): XmlRecord {
  const country = a?.country?.trim().toUpperCase() ?? '';
  return {
    AddressDetail: textOr(a?.street, 210, UNKNOWN),
    City: textOr(a?.city, 50, UNKNOWN),
    PostalCode: textOr(a?.postalCode, 20, UNKNOWN),
    Region: text(a?.region, 50),
    Country: ISO_COUNTRY.test(country) ? country : customer ? UNKNOWN : 'PT',
  };
}

/** The address of the final consumer: every part unknown. */
export function unknownAddress(): XmlRecord {
  return { AddressDetail: UNKNOWN, City: UNKNOWN, PostalCode: UNKNOWN, Country: UNKNOWN };
}
