import { DomainError, type FieldIssue } from '../../domain/errors.js';
import { isIsoDate } from '../../domain/time.js';

export interface SaftPeriod {
  from: string;
  to: string;
}

export interface SaftPeriodInput {
  from?: string | null;
  to?: string | null;
  month?: number | string | null;
  year?: number | string | null;
}

const given = (v: unknown) => v !== undefined && v !== null && v !== '';

/**
 * The period of a SAF-T file: `from`/`to`, or a calendar `month` of a `year`.
 * NOTE: P302 1.8–1.10 (Header FiscalYear, StartDate, EndDate) — one file covers dates of one fiscal year, taken
 * here as the calendar year; a range across years is refused rather than mislabelled.
 */
export function saftPeriod(input: SaftPeriodInput): SaftPeriod {
  const issues: FieldIssue[] = [];
  const byRange = given(input.from) || given(input.to);
  const byMonth = given(input.month) || given(input.year);
  if (byRange && byMonth) {
    issues.push({ field: 'month', issue: 'invalid', message: 'Give either from/to or month/year, not both.' });
  } else if (byMonth) {
    const month = Number(input.month);
    const year = Number(input.year);
    if (!given(input.month))
      issues.push({ field: 'month', issue: 'required', message: 'The month (1–12) is required with year.' });
    else if (!Number.isInteger(month) || month < 1 || month > 12)
      issues.push({
        field: 'month',
        issue: 'out_of_range',
        message: 'A month from 1 to 12.',
        value: String(input.month),
      });
    if (!given(input.year))
      issues.push({ field: 'year', issue: 'required', message: 'The year is required with month.' });
    else if (!Number.isInteger(year) || year < 2000 || year > 9999)
      issues.push({
        field: 'year',
        issue: 'out_of_range',
        message: 'A year from 2000 to 9999.',
        value: String(input.year),
      });
    if (!issues.length) {
      const mm = String(month).padStart(2, '0');
      const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
      return { from: `${year}-${mm}-01`, to: `${year}-${mm}-${String(last).padStart(2, '0')}` };
    }
  } else if (byRange) {
    for (const f of ['from', 'to'] as const) {
      if (!given(input[f])) issues.push({ field: f, issue: 'required', message: 'Required: YYYY-MM-DD.' });
      else if (!isIsoDate(input[f]) || input[f]! < '2000-01-01')
        issues.push({
          field: f,
          issue: 'invalid',
          message: 'A date YYYY-MM-DD from 2000 on.',
          value: String(input[f]),
        });
    }
    if (!issues.length) {
      const from = input.from!;
      const to = input.to!;
      if (to < from)
        issues.push({ field: 'to', issue: 'out_of_range', message: 'Must be on or after from.', value: from });
      else if (from.slice(0, 4) !== to.slice(0, 4))
        issues.push({
          field: 'to',
          issue: 'out_of_range',
          message: 'A SAF-T file covers one fiscal year: from and to must be in the same year.',
          value: from.slice(0, 4),
        });
      else return { from, to };
    }
  } else {
    issues.push({ field: 'from', issue: 'required', message: 'Give from and to (YYYY-MM-DD), or month and year.' });
  }
  throw new DomainError('validation', 'Invalid SAF-T period.', issues);
}

/** The download name: `SAFT-PT_<NIF>_<from>_<to>.xml`. */
export function saftFileName(taxId: string, period: SaftPeriod): string {
  return `SAFT-PT_${taxId.replace(/[^0-9A-Za-z]/g, '')}_${period.from}_${period.to}.xml`;
}
