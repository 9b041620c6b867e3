import type { AddressInput } from '../../app/documents/document-input.js';
import { countryCode } from './countries.js';
import type { IxDocType } from './doc-types.js';
import { type IxDocumentBody, readDocumentBody, rootOf } from './document-body.js';
import type { IxInput } from './input.js';

/** `address_from` / `address_to`: `{detail, city, postal_code, country}` (country by name, as InvoiceXpress sends it). */
function addressOf(root: IxInput, key: string): AddressInput | undefined {
  const a = root.sub(key);
  if (!a) return undefined;
  const countryName = a.text('country')?.trim();
  const country = countryName ? countryCode(countryName) : undefined;
  if (countryName && !country) a.invalid(`Country ${countryName} was not found`);
  return {
    street: a.text('detail', 'address')?.trim() || null,
    city: a.text('city')?.trim() || null,
    postalCode: a.text('postal_code')?.trim() || null,
    country: country ?? 'PT',
  };
}

/**
 * A guide body: the document fields as A's mapper reads them, plus InvoiceXpress's transport fields
 * (`loaded_at` "dd/mm/yyyy HH:MM:SS", `license_plate`, `address_from`, `address_to`). Only the fields the body
 * carries are set, so a PUT keeps the others. Every problem is reported at once.
 */
export function readGuideBody(
  body: IxInput,
  type: IxDocType,
  today: string,
  opts: { update?: boolean } = {},
): IxDocumentBody {
  // Read first: the root shares the body's issue list, so these problems come out with the document's.
  const root = rootOf(body, type);
  const loadAddress = addressOf(root, 'address_from');
  const unloadAddress = addressOf(root, 'address_to');
  const loadAt = root.dateTime('loaded_at');
  const plate = root.has('license_plate') ? root.text('license_plate')?.trim().toUpperCase() : undefined;
  const parsed = readDocumentBody(body, type, today, opts);
  const extra = Object.fromEntries(
    Object.entries({ loadAddress, unloadAddress, loadAt, vehiclePlate: plate }).filter(([, v]) => v !== undefined),
  );
  return { ...parsed, input: { ...parsed.input, ...extra } };
}
