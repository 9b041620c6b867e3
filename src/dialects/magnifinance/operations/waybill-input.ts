import type { AddressInput, DocumentInput } from '../../../app/documents/document-input.js';
import { clientInput } from '../client-input.js';
import { currencyCode, date, seriesIdOf } from '../document-input.js';
import { exemptionCode, lineInput, percentage, productsOf } from '../lines-input.js';
import { MfError } from '../mf-error.js';
import type { MfReader } from '../reader.js';
import { countryOf } from './country.js';
import { loadDateTime, waybillDocType } from './waybill-fields.js';

/** SOAP paths of the elements that repeat: one `<Lines>` per line, or one of many. */
export const WAYBILL_ARRAYS = ['Waybill.Lines', 'Waybill.Lines.APIInvoicingProduct'] as const;

/** `LoadAddress` / `DestinationAddress`: `{AddressDetail, City, PostalCode, CountryCode}` (PT when absent). */
function address(waybill: MfReader, key: string): AddressInput | null {
  const a = waybill.sub(key);
  if (!a) return null;
  const out = {
    street: a.str('AddressDetail', 'Address') ?? null,
    city: a.str('City') ?? null,
    postalCode: a.str('PostalCode', 'PostCode') ?? null,
    country: countryOf(a, 'CountryCode'),
  };
  return out.street || out.city || out.postalCode ? out : null;
}

/**
 * WaybillCreate's `Client`, `Waybill` and `IsToClose` as the core's create request of a transport document: the
 * lines, client, series, dates, Currency and Description as DocumentCreate reads them, plus the transport fields: LoadDateTime
 * (the start of transport), LoadAddress (loading place), DestinationAddress (unloading place) and VehicleLicence
 * (also spelled VehicleLicensePlate). What the law requires of them is the core's check.
 */
export function waybillInput(input: MfReader, series: Parameters<typeof seriesIdOf>[1]): DocumentInput {
  const w = input.sub('Waybill');
  if (!w) throw MfError.field('Waybill', 'Required', 'The Waybill is required.');
  const typeText = w.str('Type');
  const type = waybillDocType(typeText);
  if (!type)
    throw new MfError(7, `The waybill type ${typeText} is not valid: T (GT), R (GR), A (GA), C (GC) or D (GD).`, [
      {
        FieldName: w.pathOf('Type'),
        Type: 'TypeInvalid',
        Field: w.pathOf('Type'),
        Value: typeText,
        Detail: 'T, R, A, C or D (or GT, GR, GA, GC, GD); empty for GT.',
      },
    ]);
  const products = productsOf(w);
  if (!products.length) w.problem('Lines', 'Required', 'A waybill needs at least one line.');
  const loadText = w.str('LoadDateTime');
  const loadAt = loadDateTime(loadText);
  if (loadText !== undefined && !loadAt)
    w.problem('LoadDateTime', 'Invalid', 'The start of transport, YYYY-MM-DDThh:mm[:ss] (Lisbon time) or with a zone.');
  const plateKey = w.key('VehicleLicence', 'VehicleLicensePlate', 'VehicleLicense');
  // NOTE: a transport document carries no withholding (SAF-T 4.2 StockMovement has no WithholdingTax, Portaria
  // 302/2016): Retention is checked as MagniFinance's shared shape has it (0–100, else 22) and not applied.
  percentage(w, 'Retention');
  const out: DocumentInput = {
    type,
    seriesId: seriesIdOf(w, series),
    date: date(w, 'Date') ?? null,
    dueDate: date(w, 'DueDate') ?? null,
    customer: clientInput(input.sub('Client')),
    lines: products.map((p) => lineInput(p)),
    observations: w.str('Description') ?? null,
    currency: currencyCode(w),
    exemptionCode: exemptionCode(w) ?? null,
    loadAddress: address(w, 'LoadAddress'),
    unloadAddress: address(w, 'DestinationAddress'),
    loadAt: loadAt ?? null,
    vehiclePlate: plateKey ? (w.str(plateKey)?.toUpperCase() ?? null) : null,
    finalize: input.bool('IsToClose') ?? false,
  };
  input.check();
  return out;
}
