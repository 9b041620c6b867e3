import type { FastifyInstance, RouteOptions } from 'fastify';

/** What a compatibility dialect says about itself; its paths come from its route registrations. */
export interface DialectDescription {
  /** Where the dialect is mounted on the main server, e.g. `/billpt`. */
  prefix: string;
  title: string;
  description: string;
  /** Security schemes (components.securitySchemes) and which apply to every non-public route. */
  securitySchemes: Record<string, Record<string, unknown>>;
  security: Record<string, string[]>[];
  /** The dialect's error envelope (JSON Schema) and an example. */
  error: { schema: Record<string, unknown>; example: unknown };
  /** The error statuses every operation may answer, with their meaning; `auth` ones only on non-public routes. */
  errors: Record<number, { description: string; auth?: boolean; withId?: boolean; withBody?: boolean }>;
  /** Tags by first path segment (after the dialect's base path), with their descriptions. */
  tags: Record<string, string>;
  /** Path after the prefix → the segment that names its tag. */
  tagOf(path: string): string;
  /** The summary of `METHOD path` (path after the prefix, with {params}). */
  summary(method: string, path: string): string;
  /** Is this route answered without credentials? */
  isPublic(route: RouteOptions): boolean;
  /** The media type of a path's answers (XML routes of InvoiceXpress). */
  mediaOf(path: string): string;
  /** Is this path described? false for an alias mount of the same operations (Billit's `/v1/v1/…`). Default: all. */
  describes?(path: string): boolean;
  /** Optional request headers every non-public operation takes (Billit's `PartyID`), as components.parameters. */
  headers?: Record<string, string>;
}

type Route = { method: string; path: string; route: RouteOptions };

const openapiPath = (url: string) => url.replace(/:(\w+)/g, '{$1}');

/** `GET /api/1.0/documentos/{id}` → `getApi10DocumentosById`: unique per method and path. */
function operationId(method: string, path: string): string {
  const words = path
    .split(/[^A-Za-z0-9{}]+/)
    .filter(Boolean)
    .map((w) => (w.startsWith('{') ? `By${w.slice(1, -1)}` : w))
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1));
  return `${method.toLowerCase()}${words.join('')}`;
}

function build(d: DialectDescription, routes: Route[], serverUrl: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  const usedTags = new Set<string>();
  const envelope = (description: string) => ({
    description,
    content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' }, example: d.error.example } },
  });
  const errorName = (status: number) => `Error${status}`;
  const ids = new Set<string>();
  // Aliases (related-documents and related_documents) read alike: the later one gets a number.
  const uniqueId = (id: string) => {
    let out = id;
    for (let n = 2; ids.has(out); n++) out = `${id}${n}`;
    ids.add(out);
    return out;
  };
  for (const { method, path, route } of routes) {
    const params = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
    const isPublic = d.isPublic(route);
    const hasBody = method === 'POST' || method === 'PUT' || method === 'PATCH';
    const tag = d.tagOf(path);
    usedTags.add(tag);
    const media = d.mediaOf(path);
    const responses: Record<string, unknown> = {
      200: {
        description: 'The answer, in the vendor’s shape',
        content: { [media]: { schema: { type: 'object', additionalProperties: true } } },
      },
    };
    for (const [status, e] of Object.entries(d.errors)) {
      if ((e.auth && isPublic) || (e.withId && !params.length) || (e.withBody && !hasBody && !params.length)) continue;
      responses[status] = { $ref: `#/components/responses/${errorName(Number(status))}` };
    }
    const parameters: unknown[] = [
      ...params.map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } })),
      ...(isPublic ? [] : Object.keys(d.headers ?? {}).map((name) => ({ $ref: `#/components/parameters/${name}` }))),
    ];
    const operation: Record<string, unknown> = {
      operationId: uniqueId(operationId(method, path)),
      summary: d.summary(method, path),
      tags: [tag],
      ...(parameters.length ? { parameters } : {}),
      ...(hasBody
        ? {
            requestBody: {
              required: false,
              description: 'The vendor’s body; unknown fields are ignored, as the vendor does.',
              content: { [media]: { schema: { type: 'object', additionalProperties: true } } },
            },
          }
        : {}),
      responses,
      ...(isPublic ? { security: [] } : {}),
    };
    (paths[path] ??= {})[method.toLowerCase()] = operation;
  }
  return {
    openapi: '3.1.0',
    info: { title: d.title, version: '1.0.0', description: d.description, license: { name: 'MIT', identifier: 'MIT' } },
    servers: [{ url: serverUrl }],
    tags: [...usedTags].sort().map((name) => ({ name, description: d.tags[name] ?? name })),
    security: d.security,
    paths,
    components: {
      securitySchemes: d.securitySchemes,
      ...(d.headers
        ? {
            parameters: Object.fromEntries(
              Object.entries(d.headers).map(([name, description]) => [
                name,
                { name, in: 'header', required: false, description, schema: { type: 'string' } },
              ]),
            ),
          }
        : {}),
      schemas: { Error: d.error.schema },
      responses: Object.fromEntries(
        Object.entries(d.errors).map(([status, e]) => [errorName(Number(status)), envelope(e.description)]),
      ),
    },
  };
}

/** A Swagger UI page for a dialect's document, with the assets the native /docs serves. */
function docsPage(title: string, specUrl: string): string {
  const esc = (v: string) => v.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title>
<link rel="stylesheet" href="/docs/static/swagger-ui.css"></head><body><div id="ui"></div>
<script src="/docs/static/swagger-ui-bundle.js"></script><script src="/docs/static/swagger-ui-standalone-preset.js"></script>
<script>window.ui = SwaggerUIBundle({ url: ${JSON.stringify(specUrl)}, dom_id: '#ui', deepLinking: true,
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset], layout: 'StandaloneLayout' });</script></body></html>`;
}

/**
 * `<prefix>/openapi.json` and `<prefix>/docs` of each dialect on the main server: the paths are the routes the
 * dialect registered (collected here as they are added, so the description never misses one), the words come from
 * the dialect's description. Registered before the dialects.
 */
export function dialectOpenapi(app: FastifyInstance, publicUrl: string, dialects: DialectDescription[]): void {
  const routes = new Map<string, Route[]>(dialects.map((d) => [d.prefix, []]));
  app.addHook('onRoute', (route) => {
    const d = dialects.find((x) => route.url.startsWith(`${x.prefix}/`));
    if (!d) return;
    const path = openapiPath(route.url.slice(d.prefix.length));
    if (path === '/openapi.json' || path.startsWith('/docs')) return;
    // A trailing-slash twin (defineDialect's `trailingSlash: 'ignore'`) is the same operation: described once.
    if (path.length > 1 && path.endsWith('/')) return;
    if (d.describes && !d.describes(path)) return;
    for (const method of [route.method].flat()) {
      if (method === 'HEAD' || method === 'OPTIONS') continue;
      routes.get(d.prefix)!.push({ method, path, route });
    }
  });
  for (const d of dialects) {
    let doc: unknown;
    const specUrl = `${d.prefix}/openapi.json`;
    app.get(
      specUrl,
      { schema: { hide: true } },
      async () => (doc ??= build(d, routes.get(d.prefix)!, `${publicUrl}${d.prefix}`)),
    );
    app.get(`${d.prefix}/docs`, { schema: { hide: true } }, async (_req, reply) =>
      reply.type('text/html; charset=utf-8').send(docsPage(d.title, specUrl)),
    );
  }
}
