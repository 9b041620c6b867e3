import { DomainError } from '../domain/errors.js';

interface PgLikeError {
  code?: string;
  message?: string;
  constraint?: string;
}

/**
 * Turns what can escape a handler into a DomainError when it is the client's doing: schema validation,
 * malformed bodies, and the database's own guards (the immutability trigger, unique and check constraints).
 * Anything else stays an internal error.
 */
export function toDomainError(err: unknown): DomainError | undefined {
  if (err instanceof DomainError) return err;
  const e = err as {
    validation?: { instancePath?: string; message?: string; params?: Record<string, unknown> }[];
    validationContext?: string;
    statusCode?: number;
    code?: string;
    message?: string;
  };
  if (Array.isArray(e?.validation)) {
    const where = e.validationContext ?? 'body';
    // One issue per field: unions (value or null, string or number) make ajv report each branch; keep the telling one.
    const byField = new Map<string, { issue: string; messages: string[] }>();
    for (const v of e.validation) {
      const missing = v.params?.missingProperty as string | undefined;
      const unknown = v.params?.additionalProperty as string | undefined;
      const named = missing ?? unknown;
      const path = `${v.instancePath ?? ''}${named !== undefined ? `/${named}` : ''}`
        .replace(/^\//, '')
        .replace(/\/(\d+)(?=\/|$)/g, '[$1]')
        .replace(/\//g, '.');
      const field = path ? `${where === 'body' ? '' : `${where}.`}${path}` : where;
      const entry = byField.get(field) ?? {
        issue: missing ? 'required' : unknown !== undefined ? 'unknown' : 'invalid',
        messages: [],
      };
      if (unknown !== undefined) entry.messages.push('unknown field');
      else if (v.message && !/^must (match a schema in anyOf|be null)$/.test(v.message)) entry.messages.push(v.message);
      byField.set(field, entry);
    }
    return new DomainError(
      'validation',
      'The request has invalid fields.',
      [...byField].map(([field, { issue, messages }]) => ({
        field,
        issue,
        message: messages.length ? [...new Set(messages)].join('; ') : 'Invalid value.',
      })),
    );
  }
  if (
    e?.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
    e?.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ||
    (e?.statusCode === 400 && e?.code?.startsWith('FST_'))
  ) {
    return new DomainError('validation', e.message ?? 'Malformed request body.', [
      { field: 'body', issue: 'invalid', message: e.message ?? 'Malformed body.' },
    ]);
  }
  if (e?.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
    return new DomainError('validation', 'Unsupported content type; send application/json.', [
      { field: 'content-type', issue: 'invalid', message: 'Use application/json.' },
    ]);
  if (e?.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
    return new DomainError('validation', 'The request body is too large.', [
      { field: 'body', issue: 'too_long', message: 'Body too large.' },
    ]);
  const pg = err as PgLikeError;
  if (pg?.code === 'FA001')
    return new DomainError('document_not_draft', pg.message ?? 'The document is finalized and cannot change.');
  if (pg?.code === 'FA002')
    return new DomainError('series_inactive', 'The series was finalized: no document can be issued in it.');
  // FA003: a guard of the other legal records (counters, used series and signing keys, cached files; migration 0012).
  if (pg?.code === 'FA003')
    return new DomainError('in_use', pg.message ?? 'The record is part of the fiscal history and cannot change.');
  if (pg?.code === '23505')
    return new DomainError('conflict', 'A record with the same unique value already exists.', [], {
      constraint: pg.constraint,
    });
  if (
    pg?.code === '23514' ||
    pg?.code === '22003' ||
    pg?.code === '22P02' ||
    pg?.code === '22007' ||
    pg?.code === '22008' ||
    pg?.code === '23502'
  ) {
    return new DomainError('validation', 'A value is out of the accepted range.', [
      { field: pg.constraint ?? 'body', issue: 'out_of_range', message: pg.message ?? 'Out of range.' },
    ]);
  }
  if (pg?.code === '23503')
    return new DomainError('not_found', 'A referenced record does not exist.', [], { constraint: pg.constraint });
  return undefined;
}
