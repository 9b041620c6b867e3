import { DomainError } from '../../domain/errors.js';

interface PgLikeError {
  code?: string;
  message?: string;
  constraint?: string;
}

/**
 * The database's own guards as the DomainError a client can act on: the immutability triggers (FA001–FA003,
 * migrations), unique, check, foreign-key and not-null constraints, and values out of a column's range. A
 * DomainError passes through; anything else is not the client's doing (undefined: an internal error).
 */
export function domainErrorOf(err: unknown): DomainError | undefined {
  if (err instanceof DomainError) return err;
  const pg = err as PgLikeError | undefined;
  switch (pg?.code) {
    case 'FA001':
      return new DomainError('document_not_draft', pg.message ?? 'The document is finalized and cannot change.');
    case 'FA002':
      return new DomainError('series_inactive', 'The series was finalized: no document can be issued in it.');
    // FA003: a guard of the other legal records (counters, used series and signing keys, cached files; migration 0012).
    case 'FA003':
      return new DomainError('in_use', pg.message ?? 'The record is part of the fiscal history and cannot change.');
    case '23505':
      return new DomainError('conflict', 'A record with the same unique value already exists.', [], {
        constraint: pg.constraint,
      });
    case '23514':
    case '22003':
    case '22P02':
    case '22007':
    case '22008':
    case '23502':
      return new DomainError('validation', 'A value is out of the accepted range.', [
        { field: pg.constraint ?? 'body', issue: 'out_of_range', message: pg.message ?? 'Out of range.' },
      ]);
    case '23503':
      return new DomainError('not_found', 'A referenced record does not exist.', [], { constraint: pg.constraint });
    default:
      return undefined;
  }
}
