import { isIsoDate, lisbonDateTime } from '../../../domain/time.js';

export type WaybillDocType = 'GT' | 'GR' | 'GA' | 'GC' | 'GD';

/**
 * MagniFinance's Waybill `Type`, undocumented: absent or empty is a transport guide (GT), as MagniFinance's
 * "Waybill" is; a letter names the guide the way Document's `Type` names invoices (T transporte, R remessa, A ativos
 * próprios, C consignação, D devolução), and the SAF-T code itself is accepted. Anything else: null (07 TypeInvalid).
 */
const TYPES: Readonly<Record<string, WaybillDocType>> = {
  '': 'GT',
  T: 'GT',
  R: 'GR',
  A: 'GA',
  C: 'GC',
  D: 'GD',
  GT: 'GT',
  GR: 'GR',
  GA: 'GA',
  GC: 'GC',
  GD: 'GD',
};

export function waybillDocType(raw: string | null | undefined): WaybillDocType | null {
  const key = (raw ?? '').trim().toUpperCase();
  return Object.hasOwn(TYPES, key) ? TYPES[key] : null;
}

const ISO = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,7})?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;
const PT = /^(\d{1,2})[/-](\d{1,2})[/-](\d{4})[T ]+(\d{1,2}):(\d{2})(?::(\d{2}))?$/;

/**
 * LoadDateTime → `YYYY-MM-DDThh:mm:ss` on Lisbon's wall clock (the core's loadAt), or undefined when unreadable.
 * Read: `2026-12-08T10:30[:00[.0000000]]` (what a .NET proxy sends), the same with a space, with `Z` or an offset
 * (node-soap serializes a JS Date in UTC: converted to Lisbon time), and the Portuguese `08/12/2026 10:30[:00]`.
 * A date without a time is refused: AT needs the hour the goods leave.
 */
export function loadDateTime(raw: string | null | undefined): string | undefined {
  const v = (raw ?? '').trim();
  const iso = ISO.exec(v);
  if (iso) {
    const [, date, h, m, s = '00', zone] = iso;
    if (!isIsoDate(date) || +h > 23 || +m > 59 || +s > 59) return undefined;
    const local = `${date}T${h}:${m}:${s}`;
    if (!zone) return local;
    const offset = zone.toUpperCase() === 'Z' ? 'Z' : zone.replace(/^([+-]\d{2}):?(\d{2})$/, '$1:$2');
    const instant = new Date(`${local}${offset}`);
    return Number.isNaN(instant.getTime()) ? undefined : lisbonDateTime(instant);
  }
  const pt = PT.exec(v);
  if (pt) {
    const [, d, mo, y, h, m, s = '00'] = pt;
    const date = `${y}-${mo.padStart(2, '0')}-${d.padStart(2, '0')}`;
    if (!isIsoDate(date) || +h > 23 || +m > 59 || +s > 59) return undefined;
    return `${date}T${h.padStart(2, '0')}:${m}:${s}`;
  }
  return undefined;
}
