import type { DocumentView } from '../../../app/documents/get-document.js';
import { englishName } from '../countries.js';
import type { IxDocType } from '../doc-types.js';
import { ixDate } from '../input.js';
import { type DocumentViewContext, documentView } from './document.js';

type AddressSnapshot = NonNullable<DocumentView['doc']['load_address']>;

function addressView(a: AddressSnapshot | null) {
  return {
    detail: a?.street ?? '',
    city: a?.city ?? '',
    postal_code: a?.postalCode ?? '',
    country: englishName(a?.country) ?? a?.country ?? '',
  };
}

/** "2025-03-02 19:00:00" → "02/03/2025 19:00:00", as InvoiceXpress takes `loaded_at`. */
function ixDateTime(ts: string | null): string {
  if (!ts) return '';
  const [date, time = '00:00:00'] = ts.replace('T', ' ').split(' ');
  return `${ixDate(date)} ${time.slice(0, 8)}`;
}

/** A guide: the document view plus its transport data and, once AT has answered, the AT code. */
export function guideView(v: DocumentView, ctx: DocumentViewContext, type: IxDocType) {
  const d = v.doc;
  return {
    ...documentView(v, ctx, type),
    loaded_at: ixDateTime(d.load_at),
    license_plate: d.vehicle_plate ?? '',
    address_from: addressView(d.load_address),
    address_to: addressView(d.unload_address),
    at_doc_code_id: d.at_code ?? '',
  };
}
