import { DomainError, type FieldIssue } from '../domain/errors.js';
import { isIsoInstant } from '../domain/instant.js';

/** Refuses `from`/`to` list filters that are no real day or instant (`2026-13-45`), before they reach a query. */
export function checkInstantFilters(filters: { from?: string; to?: string }, prefix = 'querystring.'): void {
  const issues: FieldIssue[] = [];
  for (const name of ['from', 'to'] as const) {
    const v = filters[name];
    if (v !== undefined && v !== '' && !isIsoInstant(v)) {
      issues.push({
        field: `${prefix}${name}`,
        issue: 'invalid',
        message: 'Not a calendar date (YYYY-MM-DD) or ISO 8601 instant.',
      });
    }
  }
  if (issues.length) throw new DomainError('validation', 'The request has invalid fields.', issues);
}
