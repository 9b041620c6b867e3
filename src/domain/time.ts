/**
 * Portuguese legal time. The caller passes the instant: the domain reads no clock.
 * NOTE: SAF-T SystemEntryDate is local time to the second, without zone (P302 4.1.4.12); mainland Portugal is the reference.
 */
const formats = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock formatter of an IANA time zone: its parts to the second, on a 24-hour clock. */
function wallClock(timeZone: string): Intl.DateTimeFormat {
  let fmt = formats.get(timeZone);
  if (!fmt)
    formats.set(
      timeZone,
      (fmt = new Intl.DateTimeFormat('en-CA', {
        timeZone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
        hourCycle: 'h23',
      })),
    );
  return fmt;
}

const FMT = wallClock('Europe/Lisbon');

// formatToParts is slow next to the rest of a request, and every document asks for the current second.
let last = { second: NaN, text: '' };

/** `YYYY-MM-DDThh:mm:ss` in Europe/Lisbon. */
export function lisbonDateTime(instant: Date): string {
  const second = Math.floor(instant.getTime() / 1000);
  if (second === last.second) return last.text;
  const p = Object.fromEntries(FMT.formatToParts(instant).map((x) => [x.type, x.value]));
  last = { second, text: `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}` };
  return last.text;
}

/** `YYYY-MM-DDThh:mm:ss` on the wall clock of an IANA time zone (a regime's legal clock). */
export function zonedDateTime(instant: Date, timeZone: string): string {
  if (timeZone === 'Europe/Lisbon') return lisbonDateTime(instant);
  const p = Object.fromEntries(
    wallClock(timeZone)
      .formatToParts(instant)
      .map((x) => [x.type, x.value]),
  );
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}`;
}

/** `YYYY-MM-DD` in Europe/Lisbon. */
export function lisbonDate(instant: Date): string {
  return lisbonDateTime(instant).slice(0, 10);
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(v: unknown): v is string {
  if (typeof v !== 'string') return false;
  const m = ISO_DATE.exec(v);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

const ISO_LOCAL_DATETIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/;

/** Accepts `YYYY-MM-DDThh:mm[:ss]` (or with a space) and returns `YYYY-MM-DDThh:mm:ss`, or undefined. */
export function normalizeLocalDateTime(v: unknown): string | undefined {
  if (typeof v !== 'string') return undefined;
  const m = ISO_LOCAL_DATETIME.exec(v.trim());
  if (!m || !isIsoDate(m[1]) || +m[2] > 23 || +m[3] > 59 || +(m[4] ?? 0) > 59) return undefined;
  return `${m[1]}T${m[2]}:${m[3]}:${m[4] ?? '00'}`;
}

export function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
