import { isIsoDate, normalizeLocalDateTime, zonedDateTime } from '../../domain/time.js';

/** Billit's wall clock: a Belgian service, whose zone-less times read as Brussels time. */
const ZONE = 'Europe/Brussels';

/**
 * A date or time as Billit writes it: `YYYY-MM-DDTHH:mm:ss`, no zone, no fraction (clients parse it as local time).
 * Takes a calendar date (`2024-01-01` → `2024-01-01T00:00:00`), a local date-time (`2024-01-01 10:00:00`, as
 * timestamp columns read), an instant with a zone (`…Z`, `…+01:00`, timestamptz columns; shown on Brussels' clock)
 * or a Date. null/undefined/unreadable → null (Billit writes `null` for an absent date).
 */
export function billitDateTime(value: string | Date | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : zonedDateTime(value, ZONE);
  const v = value.trim();
  const day = v.slice(0, 10);
  if (v.length === 10 && isIsoDate(day)) return `${day}T00:00:00`;
  const local = normalizeLocalDateTime(v.replace(/\.\d+$/, ''));
  if (local) return local;
  if (/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}(:?\d{2})?)$/i.test(v)) {
    const d = new Date(v.replace(' ', 'T').replace(/([+-]\d{2})$/, '$1:00'));
    return Number.isNaN(d.getTime()) ? null : zonedDateTime(d, ZONE);
  }
  return null;
}

/** A date as Billit reads it back, in a list filter or a patch: both the local and the instant form. */
export interface BillitDateInput {
  /** The calendar day (`YYYY-MM-DD`), in Brussels when the input carried a zone. */
  date: string;
  /** The local date-time `YYYY-MM-DDTHH:mm:ss` (midnight for a bare date). */
  dateTime: string;
}

/**
 * A date a client sends: `YYYY-MM-DD`, or ISO 8601 with a time, with or without a zone and fraction
 * (`2024-01-01T00:00:00`, `2024-01-01T10:00:00.000Z`, `2024-01-01T10:00:00+02:00`). A zoned instant is read on
 * Brussels' clock. undefined when unreadable.
 */
export function parseBillitDate(input: string): BillitDateInput | undefined {
  const v = input.trim();
  const day = v.slice(0, 10);
  if (v.length === 10 && isIsoDate(day)) return { date: day, dateTime: `${day}T00:00:00` };
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2})?)(\.\d+)?(Z|[+-]\d{2}(?::?\d{2})?)?$/i.exec(v);
  if (!m) return undefined;
  const local = normalizeLocalDateTime(`${m[1]}T${m[2]}`);
  if (!local) return undefined;
  if (!m[4]) return { date: local.slice(0, 10), dateTime: local };
  const zone =
    m[4].toUpperCase() === 'Z' ? 'Z' : m[4].length === 3 ? `${m[4]}:00` : m[4].replace(/^([+-]\d{2})(\d{2})$/, '$1:$2');
  const instant = new Date(`${local}${m[3] ?? ''}${zone}`);
  if (Number.isNaN(instant.getTime())) return undefined;
  const wall = zonedDateTime(instant, ZONE);
  return { date: wall.slice(0, 10), dateTime: wall };
}
