import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../config.js';
import type { Ctx } from '../../app/context.js';
import type { DocumentWrites } from '../../app/documents/issue-document.js';
import type { AtDeps } from '../../app/at/ports.js';
import type { EmailDeps } from '../../app/email/ports.js';
import { lisbonDate } from '../../domain/time.js';
import { type Db, type DbTx, type DialectKit, urlId } from '../../http/kit/define-dialect.js';
import { IxError } from './ix-error.js';
import { IxInput } from './input.js';
import { toXml, toXmlList } from './xml.js';

type Tree = Record<string, unknown>;

/** Per-route settings read by the hooks and the error handler. */
export interface IxRouteConfig {
  /** How core field names read in this route's validation errors (`lines` → `items`, …). */
  ixFields?: Record<string, string>;
}

export interface IxDeps {
  db: Db;
  config: Config;
  at: () => AtDeps;
  email: () => EmailDeps;
  /** The base URL this dialect is served at (`<PUBLIC_URL>/invoicexpress`), for permalinks and PDF URLs. */
  baseUrl: string;
}

/** What a handler answers: a status and a body whose first key is the XML root on `.xml` routes. */
export interface IxReply {
  status?: number;
  body?: Tree;
  /** The XML root element when it is not the body's first key. */
  xmlRoot?: string;
}

/** What a handler gets: the request, who calls, and the storage handles to give use cases. */
export interface Call {
  request: FastifyRequest;
  reply: FastifyReply;
  /** `.json` or `.xml`, from the URL. */
  format: 'json' | 'xml';
  /** The body (JSON, or XML parsed to the same tree), root included: `{ invoice: {…}, proprietary_uid }`. */
  body: IxInput;
  query: Record<string, unknown>;
  /** The `:id` in the URL, when the route has one; 0 when it is not a number (reads as unknown). */
  id: number;
  params: Record<string, string>;
  accountId: number;
  ctx: Ctx;
  /** The caller's date in Lisbon (yyyy-mm-dd): what an invalid InvoiceXpress date becomes. */
  today: string;
  db: Db;
  /** A transaction of its own. */
  tx<T>(fn: (tx: DbTx) => Promise<T>): Promise<T>;
  /** A transaction group-committed with the account's other document writes. */
  docTx<T>(fn: (tx: DbTx) => Promise<T>): Promise<T>;
  /** The group commit of document writes, for the app operations that take it (`issueDocument`). */
  writes: DocumentWrites;
  deps: IxDeps;
}

export type Handler = (c: Call) => Promise<IxReply | undefined>;

export function makeRoute(app: FastifyInstance, kit: DialectKit) {
  const deps: IxDeps = {
    db: kit.db,
    config: kit.services.config,
    at: () => kit.services.at(),
    email: () => kit.services.email(),
    baseUrl: kit.options.baseUrl.replace(/\/$/, ''),
  };
  /** Registers `<path>.json` and `<path>.xml` (path without extension, e.g. `/invoices/:id`). */
  return (method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, cfg: IxRouteConfig, handler: Handler) => {
    for (const ext of ['json', 'xml'] as const) {
      kit.route(app, method, `${path}.${ext}`, cfg, async (request, reply) => {
        const principal = request.principal;
        if (!principal) throw new IxError(401, ['Access denied']);
        const params = (request.params ?? {}) as Record<string, string>;
        const ctx = kit.ctx(request);
        const call: Call = {
          request,
          reply,
          format: ext,
          body: new IxInput(
            (request.body && typeof request.body === 'object' && !Array.isArray(request.body)
              ? request.body
              : {}) as Tree,
          ),
          query: (request.query ?? {}) as Record<string, unknown>,
          id: urlId(request),
          params,
          accountId: principal.accountId,
          ctx,
          today: lisbonDate(ctx.now),
          db: kit.db,
          tx: kit.tx,
          docTx: (fn) => kit.docTx(principal.accountId, fn),
          writes: kit.services.batcher,
          deps,
        };
        const out = await handler(call);
        if (reply.sent) return reply;
        return sendIx(reply, ext, out ?? {});
      });
    }
  };
}

export type Route = ReturnType<typeof makeRoute>;

/** Writes an IxReply as JSON, or as XML rooted at the body's first key. */
export function sendIx(reply: FastifyReply, format: 'json' | 'xml', out: IxReply): FastifyReply {
  reply.status(out.status ?? 200);
  if (!out.body) return reply.send();
  if (format === 'json') return reply.type('application/json; charset=utf-8').send(out.body);
  const root = out.xmlRoot ?? Object.keys(out.body)[0];
  const value = out.xmlRoot ? out.body : out.body[root];
  const page = out.body.pagination;
  // A list (`{ invoices: […], pagination: {…} }`) carries its pagination inside the list element, as v1 lists do.
  if (!out.xmlRoot && Array.isArray(value) && page && typeof page === 'object') {
    return reply.type('application/xml; charset=utf-8').send(toXmlList(root, value, page as Tree));
  }
  return reply.type('application/xml; charset=utf-8').send(toXml(root, value));
}
