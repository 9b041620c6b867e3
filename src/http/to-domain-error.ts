import { DomainError } from '../domain/errors.js';
import { domainErrorOf } from '../infra/db/domain-error-of.js';

export { domainErrorOf };

/**
 * Turns what can escape a handler into a DomainError when it is the client's doing: schema validation,
 * malformed bodies (both the HTTP layer's), and the database's own guards (translated in infra: `domainErrorOf`).
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
  return domainErrorOf(err);
}
