import { DomainError } from '../../domain/errors.js';

/** A document's `:id` in a console URL: a positive integer, else no such document (the 404 page, as for another account's id). */
export function documentIdOf(params: unknown): number {
  const raw = (params as { id?: string } | undefined)?.id ?? '';
  if (!/^\d{1,15}$/.test(raw) || Number(raw) < 1 || !Number.isSafeInteger(Number(raw)))
    throw new DomainError('not_found', 'No such document.', [], { resource: 'document' });
  return Number(raw);
}
