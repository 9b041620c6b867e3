import type { KeyObject } from 'node:crypto';
import { DomainError } from '../../domain/errors.js';

/** The active key of a configuration (see `accountConfig`); an account without one cannot sign. */
export function requireSigningKey(key: { version: number; key: KeyObject } | null): {
  version: number;
  key: KeyObject;
} {
  if (!key) throw new DomainError('conflict', 'The account has no active signing key.');
  return key;
}
