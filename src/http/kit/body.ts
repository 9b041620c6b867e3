import type { FastifyInstance } from 'fastify';

/** Bodies up to 5 MiB, on every API. */
export const BODY_LIMIT = 5 * 1024 * 1024;

/** A text body's reader: its value, or a throw (which `malformed` may turn into the dialect's error). */
export type TextParser = (text: string) => unknown;

/** How a dialect reads request bodies, by content type. An empty body reads as `{}` in every case. */
export interface BodyParsing {
  /** JSON: Fastify's own parser (its errors are the server's), or the dialect's. */
  json: 'fastify' | TextParser;
  /** application/x-www-form-urlencoded. */
  form?: TextParser;
  /** application/xml and text/xml (the kit's XML codec, with the dialect's options). */
  xml?: TextParser;
  /** Any other content type; when set, only the parsers above and this one are kept (no text/plain). */
  other?: TextParser;
  /** The dialect's error for a body its parser refused (default: the parser's own error). */
  malformed?: (err: unknown) => Error;
}

/** JSON.parse without prototype keys (a `__proto__` in a body must not reach any object's prototype). */
export function safeJson(text: string): unknown {
  return JSON.parse(text, (k, v) => (k === '__proto__' || k === 'constructor' ? undefined : v));
}

export function registerBodyParsers(app: FastifyInstance, b: BodyParsing): void {
  const opts = { parseAs: 'string' as const, bodyLimit: BODY_LIMIT };
  const wrap =
    (parse: TextParser) =>
    (_req: unknown, body: string | Buffer, done: (err: Error | null, value?: unknown) => void) => {
      const text = String(body);
      try {
        if (!text.trim()) return done(null, {});
        return done(null, parse(text));
      } catch (err) {
        return done(b.malformed ? b.malformed(err) : (err as Error));
      }
    };
  if (b.other) app.removeAllContentTypeParsers();
  else app.removeContentTypeParser('application/json');
  if (b.json === 'fastify') {
    const json = app.getDefaultJsonParser('error', 'error');
    app.addContentTypeParser('application/json', opts, (req, body, done) => {
      if (!String(body).trim()) return done(null, {});
      json(req, body as unknown as string, done);
    });
  } else app.addContentTypeParser('application/json', opts, wrap(b.json));
  if (b.form) app.addContentTypeParser('application/x-www-form-urlencoded', opts, wrap(b.form));
  if (b.xml) app.addContentTypeParser(['application/xml', 'text/xml'], opts, wrap(b.xml));
  if (b.other) app.addContentTypeParser('*', opts, wrap(b.other));
}
