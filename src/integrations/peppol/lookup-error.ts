import { DomainError } from '../../domain/errors.js';

/**
 * A lookup the access point or the SMP could not answer (transport fault, 5xx, an answer that is not one): not the
 * same as "not registered", which would send the document by e-mail instead. The caller may try again later.
 */
export function lookupUnavailable(where: string, why: string): DomainError {
  return new DomainError('conflict', `The participant lookup at ${where} failed (${why}); try again later.`, [], {
    reason: 'peppol_lookup_unavailable',
  });
}
