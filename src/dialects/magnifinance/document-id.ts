import { MfError } from './mf-error.js';
import type { MfReader } from './reader.js';

/** The `DocumentId` an operation is about (REST: `documentId` in the query), or a ValidationError. */
export function documentIdOf(input: MfReader): number {
  const id = input.id('DocumentId');
  input.check();
  if (!id) throw MfError.field('DocumentId', 'Required', 'The DocumentId is required.');
  return id;
}
