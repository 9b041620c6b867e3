import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Ctx } from '../../app/context.js';
import type { DocumentWrites } from '../../app/documents/issue-document.js';
import { type PartyAccount, reachParty } from '../../app/billit/reach-party.js';
import { type Db, type DbTx, type DialectKit, urlId } from '../../http/kit/define-dialect.js';
import type { Services } from '../../server/services.js';
import { BillitError } from './billit-error.js';
import { BillitInput, billitInput } from './reader.js';

/** Per-route settings read by the hooks. */
export interface BillitRouteConfig {
  /** false for the routes Billit answers without a key (participantInformation, the OAuth2 token endpoints). */
  billitAuth?: boolean;
}

/** What a handler gets: the request, who calls (the party's account), and the handles to give use cases. */
export interface Call {
  request: FastifyRequest;
  reply: FastifyReply;
  /** The JSON body, read without case (`{}` when there is none). */
  body: BillitInput;
  /** The query string (OData's `$top`, `$filter`, … decoded). */
  query: Record<string, string | undefined>;
  /** The `{id}` of the URL as a number; 0 when absent or not a number (reads as unknown). */
  id: number;
  params: Record<string, string>;
  /** The account the request acts on: the PartyID's when one is sent (and reachable), else the key's. */
  accountId: number;
  /** The key's own account (an accountant acting for a client party differs from `accountId`). */
  keyAccountId: number;
  ctx: Ctx;
  db: Db;
  /** A transaction of its own. */
  tx<T>(fn: (tx: DbTx) => Promise<T>): Promise<T>;
  /** A transaction group-committed with the account's other document writes. */
  docTx<T>(fn: (tx: DbTx) => Promise<T>): Promise<T>;
  /** The group commit of document writes, for the app operations that take it (`issueDocument`). */
  writes: DocumentWrites;
  services: Services;
  /**
   * The absolute URL of the API version the request came through, for links (`NextPageLink`):
   * `<PUBLIC_URL>/billit/v1`, `…/billit/v1/v1`, or `<own port origin>/v1`.
   */
  baseUrl: string;
  /** A request header, whatever its case (Node lower-cases them); the first value when repeated. */
  header(name: string): string | undefined;
}

export type Handler = (c: Call) => Promise<unknown>;

/** A request header by name, case-insensitive (`ApiKey`, `apikey`, `APIKEY`). */
export function headerOf(request: FastifyRequest, name: string): string | undefined {
  const v = request.headers[name.toLowerCase()];
  const s = Array.isArray(v) ? v[0] : v;
  return s === undefined || s.trim() === '' ? undefined : s.trim();
}

/**
 * The party a request names: `PartyID`, else `ContextPartyID` (an accountant's context; C sends both, equal).
 * Each one sent must be a number the key can reach, or Billit answers 401. undefined: none sent (the key's own).
 */
async function partyOf(request: FastifyRequest, kit: DialectKit): Promise<void> {
  const principal = request.principal;
  if (!principal) return;
  const sent = [headerOf(request, 'PartyID'), headerOf(request, 'ContextPartyID')].filter(
    (x): x is string => x !== undefined,
  );
  if (!sent.length) return;
  let acting: PartyAccount | undefined;
  for (const [i, raw] of sent.entries()) {
    if (!/^\d{1,15}$/.test(raw)) throw BillitError.unauthorized();
    if (Number(raw) === principal.accountId) continue;
    const party = await reachParty(kit.db, principal.accountId, Number(raw));
    if (!party) throw BillitError.unauthorized();
    if (i === 0) acting = party;
  }
  if (!acting) return;
  // The rest of the request (ctx, docTx, use cases) acts on the party's account; the rate limit stays per key.
  request.principal = {
    ...principal,
    accountId: acting.accountId,
    sandbox: acting.sandbox,
    configVersion: acting.configVersion,
  };
  request.billitKeyAccountId = principal.accountId;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The key's own account when the request acts for another party (see `partyOf`). */
    billitKeyAccountId?: number;
  }
}

/**
 * The route helper of the Billit dialect: `route(method, url, cfg, handler)` registers one operation on `app`
 * (mounted under `/v1`, and again under `/v1/v1` for clients whose base URL already ends in `/v1`). `mount` is
 * that prefix, for the absolute links the handlers write. A handler's return value is the JSON answer (a bare
 * number for creations, `true` for deletions); a handler that sends the reply itself returns nothing.
 */
export function makeRoute(app: FastifyInstance, kit: DialectKit, mount: string) {
  const baseUrl = `${kit.options.baseUrl.replace(/\/$/, '')}${mount}`;
  return (method: 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT', url: string, cfg: BillitRouteConfig, handler: Handler) =>
    kit.route(app, method, url, cfg, async (request, reply) => {
      if (cfg.billitAuth !== false) {
        if (!request.principal) throw BillitError.unauthorized();
        await partyOf(request, kit);
      }
      const accountId = request.principal?.accountId ?? 0;
      const call: Call = {
        request,
        reply,
        body: billitInput(request.body),
        query: (request.query ?? {}) as Record<string, string | undefined>,
        id: urlId(request),
        params: (request.params ?? {}) as Record<string, string>,
        accountId,
        keyAccountId: request.billitKeyAccountId ?? accountId,
        ctx: kit.ctx(request),
        db: kit.db,
        tx: kit.tx,
        docTx: (fn) => kit.docTx(accountId, fn),
        writes: kit.services.batcher,
        services: kit.services,
        baseUrl,
        header: (name) => headerOf(request, name),
      };
      const out = await handler(call);
      if (reply.sent) return reply;
      if (out === undefined) return reply.status(200).send();
      return reply.type('application/json; charset=utf-8').send(JSON.stringify(out));
    });
}

export type Route = ReturnType<typeof makeRoute>;
