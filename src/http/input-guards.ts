import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DomainError, type FieldIssue } from '../domain/errors.js';
import { badTextMessage, dottedPath, findBadText } from './kit/text-check.js';

type Props = Record<string, { type?: unknown }>;

const propsOf = (schema: unknown): Props => (schema as { properties?: Props } | undefined)?.properties ?? {};

/** Integer path and query parameters as sent: digits only (` 1`, `1e0`, `0x1` would otherwise be coerced to 1). */
function nonDigitIntegers(where: 'params' | 'querystring', raw: unknown, schema: unknown): FieldIssue[] {
  if (!raw || typeof raw !== 'object') return [];
  const issues: FieldIssue[] = [];
  for (const [name, prop] of Object.entries(propsOf(schema))) {
    if (prop.type !== 'integer') continue;
    const v = (raw as Record<string, unknown>)[name];
    const values = Array.isArray(v) ? v : [v];
    if (values.some((x) => typeof x === 'string' && !/^\d+$/.test(x))) {
      issues.push({ field: `${where}.${name}`, issue: 'invalid', message: 'Digits only.' });
    }
  }
  return issues;
}

/**
 * Checks of the native API's input that schemas cannot express, before validation: no NUL or lone surrogate in
 * any text of the body, query or path, and integer ids in the path or query written in digits only.
 */
export function installInputGuards(app: FastifyInstance): void {
  app.addHook('preValidation', async (request: FastifyRequest) => {
    const schema = request.routeOptions.schema;
    const issues: FieldIssue[] = [
      ...nonDigitIntegers('params', request.params, schema?.params),
      ...nonDigitIntegers('querystring', request.query, schema?.querystring),
    ];
    for (const [where, value] of [
      ['', request.body],
      ['querystring.', request.query],
      ['params.', request.params],
    ] as const) {
      const bad = findBadText(value);
      if (bad)
        issues.push({
          field: `${where}${dottedPath(bad.path)}` || 'body',
          issue: 'invalid',
          message: `The text ${badTextMessage(bad)}.`,
        });
    }
    if (issues.length) throw new DomainError('validation', 'The request has invalid fields.', issues);
  });
}
