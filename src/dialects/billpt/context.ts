import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../config.js';
import type { Ctx } from '../../app/context.js';
import type { DocumentWrites } from '../../app/documents/issue-document.js';
import type { AtDeps } from '../../app/at/ports.js';
import { type Db, type DbTx, type DialectKit, urlId } from '../../http/kit/define-dialect.js';
import { BillptError } from './billpt-error.js';
import type { FieldMap } from './field-names.js';
import { Input } from './input.js';

type Tree = Record<string, unknown>;

export interface BillptState {
  /** Query string, then body (JSON or form, on any method), merged; `api_token` and `method` removed. */
  params: Tree;
  token?: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    billpt?: BillptState;
  }
}

/** Per-route settings read by the hooks and the error handler. */
export interface BillptRouteConfig {
  /** false for `auth/login` and the public PDF download. */
  billptAuth?: boolean;
  /** How core field names read in this route's errors. */
  billptFields?: FieldMap;
  /** The name of the document id in this route (not-found errors of documents are `9.<name>`). */
  billptDocField?: string;
}

/** What a handler gets: the request's fields, who calls, and the storage handles to give use cases. */
export interface Call {
  request: FastifyRequest;
  reply: FastifyReply;
  input: Input;
  /** The id in the URL, when the route has one (a non-number reads as an unknown id). */
  id: number;
  accountId: number;
  ctx: Ctx;
  db: Db;
  /** A transaction of its own. */
  tx<T>(fn: (tx: DbTx) => Promise<T>): Promise<T>;
  /** A transaction group-committed with the account's other document writes. */
  docTx<T>(fn: (tx: DbTx) => Promise<T>): Promise<T>;
  /** The group commit of document writes, for the app operations that take it (`issueDocument`). */
  writes: DocumentWrites;
  at: () => AtDeps;
  config: Config;
  /** Runs an authentication (a login) whose 401 counts as a failed one for the caller's address. */
  guardAuth<T>(authenticate: () => Promise<T>): Promise<T>;
}

export type Handler = (c: Call) => Promise<unknown>;

export function makeRoute(app: FastifyInstance, kit: DialectKit) {
  return (method: 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT', url: string, cfg: BillptRouteConfig, handler: Handler) =>
    kit.route(app, method, url, cfg, async (request, reply) => {
      const principal = request.principal;
      const accountId = principal?.accountId ?? 0;
      const call: Call = {
        request,
        reply,
        input: new Input(request.billpt?.params ?? {}),
        id: urlId(request),
        accountId,
        ctx: kit.ctx(request),
        db: kit.db,
        tx: kit.tx,
        docTx: (fn) => kit.docTx(accountId, fn),
        writes: kit.services.batcher,
        at: () => kit.services.at(),
        config: kit.services.config,
        guardAuth: (authenticate) => kit.guardAuth(request, reply, authenticate),
      };
      if (cfg.billptAuth !== false && !principal) throw new BillptError(401, ['202']);
      const body = await handler(call);
      if (reply.sent) return reply;
      return body;
    });
}

export type Route = ReturnType<typeof makeRoute>;
