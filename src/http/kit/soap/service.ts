import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { BODY_LIMIT } from '../body.js';
import { parseEnvelope, type SoapRequest } from './envelope.js';
import { SoapFault, faultStatus } from './fault.js';
import { type SoapOutRecord, renderFault, renderReply } from './reply.js';
import { CONTENT_TYPE, type SoapVersion, versionOfContentType } from './versions.js';
import { Wsdl } from './wsdl.js';
import { type SoapRecord, type SoapValue, withArrays } from './xml-tree.js';

/** What an operation is told about the call besides its input. */
export interface SoapCall {
  version: SoapVersion;
  /** The `<Header>` blocks by local name. */
  header: SoapRecord;
  /** The SOAPAction (1.1 header, or 1.2 `action` content-type parameter) when the client sent one: never needed. */
  soapAction?: string;
  request: FastifyRequest;
  /** The reply the answer goes out on: an operation may set headers (Retry-After of a limit it applies). */
  reply: FastifyReply;
}

export interface SoapOperation {
  /**
   * Elements that may repeat, as dotted paths under the operation element (`Document.Lines`), read as arrays
   * however many occur: one element is a one-item array, none an empty one.
   */
  arrays?: readonly string[];
  /** The answer's element; `{Operation}Response` when not given. */
  response?: string;
  /** Reads the input and answers the content of the response element; business errors are answers too. */
  handle(input: SoapRecord, call: SoapCall): Promise<SoapOutRecord> | SoapOutRecord;
}

export interface SoapServiceDef {
  /**
   * The paths the service answers at, under the surface's prefix, matched case-insensitively: the first is where
   * its WSDL sends clients unless they reached another one (`/MagniAPI/Invoicing.asmx`, an alias, …).
   */
  paths: readonly string[];
  /** The target namespace: the answer element's namespace. */
  namespace: string;
  /** The WSDL text; its ports' addresses are rewritten per request to the URL the client reached. */
  wsdl: string;
  operations: Readonly<Record<string, SoapOperation>>;
  /**
   * Turns an error an operation threw into an answer (the vendor's business error response); `undefined` lets it
   * become a Receiver fault. Domain errors belong here, so each operation need not catch them.
   */
  onError?(error: unknown, operation: string, call: SoapCall): SoapOutRecord | undefined;
  /**
   * Turns what the surface's hooks refused before the operation ran (authentication, its limit, a key's scope) into
   * the operation's answer, sent with HTTP 200 as a business error; `undefined` leaves it a fault. Only called when
   * the envelope reads and names an operation of the service: a malformed message stays a fault.
   */
  onRefusal?(error: unknown, operation: string, call: SoapCall): SoapOutRecord | undefined;
  /**
   * Other namespaces requests may come in (a vendor's versioned namespace): the answer is written in the request's
   * namespace when it is one of these or `namespace`, else in `namespace`.
   */
  namespaces?: readonly string[];
}

interface Mounted {
  def: SoapServiceDef;
  wsdl: Wsdl;
}

const normalPath = (p: string) => `/${p.replace(/^\/+|\/+$/g, '')}`.toLowerCase();

function soapActionOf(req: FastifyRequest): string | undefined {
  const header = req.headers.soapaction;
  const raw = Array.isArray(header) ? header[0] : header;
  if (raw) return raw.replace(/^"|"$/g, '') || undefined;
  return /;\s*action="?([^";]+)"?/i.exec(req.headers['content-type'] ?? '')?.[1];
}

function sendXml(reply: FastifyReply, status: number, version: SoapVersion, xml: string) {
  return reply.code(status).header('content-type', CONTENT_TYPE[version]).send(xml);
}

function sendFault(reply: FastifyReply, fault: SoapFault, version: SoapVersion) {
  return sendXml(reply, faultStatus(fault.code, version), version, renderFault(version, fault.code, fault.message));
}

const envelopes = new WeakMap<FastifyRequest, SoapRequest | SoapFault>();

/**
 * The request's envelope, read once (the surface's hooks may read it before the operation runs: a dialect whose
 * credentials are in the body). Throws the SoapFault of a message that is not a SOAP envelope.
 */
export function soapEnvelopeOf(req: FastifyRequest): SoapRequest {
  let read = envelopes.get(req);
  if (!read) {
    const text = typeof req.body === 'string' ? req.body : Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '';
    try {
      read = parseEnvelope(text, req.headers['content-type']);
    } catch (err) {
      if (!(err instanceof SoapFault)) throw err;
      read = err;
    }
    envelopes.set(req, read);
  }
  if (read instanceof SoapFault) throw read;
  return read;
}

function callOf(req: FastifyRequest, reply: FastifyReply, envelope: SoapRequest): SoapCall {
  return { version: envelope.version, header: envelope.header, soapAction: soapActionOf(req), request: req, reply };
}

function answerNamespace(def: SoapServiceDef, envelope: SoapRequest): string {
  const ns = envelope.operationNamespace;
  return ns !== def.namespace && def.namespaces?.includes(ns) ? ns : def.namespace;
}

function sendAnswer(reply: FastifyReply, def: SoapServiceDef, envelope: SoapRequest, answer: SoapOutRecord) {
  const element = def.operations[envelope.operation]?.response ?? `${envelope.operation}Response`;
  const xml = renderReply(envelope.version, element, answerNamespace(def, envelope), answer);
  return sendXml(reply, 200, envelope.version, xml);
}

/** The operation a POST names, or the fault that answers it (a malformed message, an unknown operation). */
function operationOf(mounted: Mounted, req: FastifyRequest): { envelope: SoapRequest; operation: SoapOperation } {
  const envelope = soapEnvelopeOf(req);
  const operation = mounted.def.operations[envelope.operation];
  if (!operation || !Object.hasOwn(mounted.def.operations, envelope.operation))
    throw new SoapFault('Sender', `Unknown operation: ${envelope.operation}.`, envelope.version);
  return { envelope, operation };
}

async function call(mounted: Mounted, req: FastifyRequest, reply: FastifyReply) {
  let version = versionOfContentType(req.headers['content-type']);
  try {
    const { envelope, operation } = operationOf(mounted, req);
    version = envelope.version;
    const ctx = callOf(req, reply, envelope);
    const body: SoapValue = envelope.body === '' ? {} : envelope.body;
    const input = withArrays(body, operation.arrays ?? []);
    let answer: SoapOutRecord;
    try {
      answer = await operation.handle(input && typeof input === 'object' && !Array.isArray(input) ? input : {}, ctx);
    } catch (err) {
      if (err instanceof SoapFault) throw err;
      const mapped = mounted.def.onError?.(err, envelope.operation, ctx);
      if (!mapped) throw err;
      answer = mapped;
    }
    return sendAnswer(reply, mounted.def, envelope, answer);
  } catch (err) {
    if (err instanceof SoapFault) return sendFault(reply, err, err.version ?? version);
    req.log.error({ err }, 'SOAP operation failed');
    return sendFault(reply, new SoapFault('Receiver', 'The service could not process the request.'), version);
  }
}

/**
 * A refusal of the surface's hooks on a service's path: the service's business answer when it gives one for the
 * operation the envelope names (`onRefusal`); the fault of a malformed message or an unknown operation; else a
 * fault carrying the refusal (see registerSoapServices).
 */
function refusal(mounted: Mounted | undefined, err: unknown, req: FastifyRequest, reply: FastifyReply) {
  if (mounted?.def.onRefusal && req.method === 'POST') {
    try {
      const { envelope } = operationOf(mounted, req);
      const answer = mounted.def.onRefusal(err, envelope.operation, callOf(req, reply, envelope));
      if (answer) return sendAnswer(reply, mounted.def, envelope, answer);
    } catch (fault) {
      if (fault instanceof SoapFault)
        return sendFault(reply, fault, fault.version ?? versionOfContentType(req.headers['content-type']));
      // Anything else leaves the refusal to the error handler's own fault, never the dialect's REST envelope.
      req.log.error({ err: fault }, 'SOAP refusal could not be answered');
    }
  }
  return undefined;
}

/**
 * Serves SOAP services on a Fastify instance (a dialect's encapsulated context, whose prefix the paths are under):
 * POST runs the operation named by the body's first element (SOAPAction is optional and never needed), in the
 * SOAP version of the envelope; `?wsdl` in any letter case serves the WSDL with the request's own address.
 *
 * It registers one catch-all route in its own child context (the paths are matched case-insensitively, which
 * Fastify's router can't do per route) with a string body parser for any content type; the route carries
 * `config.soap = true` so the surface's hooks can tell a SOAP call (its credentials are in the body) from REST.
 */
export async function registerSoapServices(app: FastifyInstance, services: readonly SoapServiceDef[]): Promise<void> {
  const byPath = new Map<string, Mounted>();
  for (const def of services) {
    const mounted = { def, wsdl: new Wsdl(def.wsdl) };
    for (const p of def.paths) {
      if (byPath.has(normalPath(p))) throw new Error(`SOAP path served twice: ${p}`);
      byPath.set(normalPath(p), mounted);
    }
  }
  const mountedAt = (req: FastifyRequest) => byPath.get(normalPath((req.params as Record<string, string>)['*'] ?? ''));
  await app.register(async (child) => {
    // What the surface's hooks refuse (rate limit, text check, …) reaches a SOAP client as a fault, not as the
    // dialect's REST envelope: a refusal (4xx) is the Sender's fault with its own message, anything else the
    // Receiver's, unexplained. A 429 keeps its status so clients back off.
    child.setErrorHandler((err, req, reply) => {
      const answered = refusal(mountedAt(req), err, req, reply);
      if (answered) return answered;
      const version = versionOfContentType(req.headers['content-type']);
      const e = err as { statusCode?: number; status?: number; message?: string };
      const status = e.statusCode ?? e.status ?? 500;
      if (status >= 500) req.log.error({ err }, 'SOAP request failed');
      const fault =
        status < 500
          ? new SoapFault('Sender', e.message || 'The request was refused.')
          : new SoapFault('Receiver', 'The service could not process the request.');
      const xml = renderFault(version, fault.code, fault.message);
      return sendXml(reply, status === 429 ? 429 : faultStatus(fault.code, version), version, xml);
    });
    child.removeAllContentTypeParsers();
    child.addContentTypeParser('*', { parseAs: 'string', bodyLimit: BODY_LIMIT }, (_req, body, done) =>
      done(null, body),
    );
    // GET (the WSDL) and POST (a call) are two routes: `config.soapWsdl` lets a surface serve the WSDL without
    // credentials while it authenticates the calls. Both are hidden from the OpenAPI documents (the WSDL is the
    // service's description).
    child.route({
      method: 'GET',
      url: '/*',
      config: { soap: true, soapWsdl: true },
      exposeHeadRoute: false,
      schema: { hide: true },
      handler: async (req, reply) => {
        const mounted = mountedAt(req);
        const [pathname, search = ''] = req.url.split('?', 2) as [string, string?];
        const wantsWsdl = [...new URLSearchParams(search).keys()].some((k) => k.toLowerCase() === 'wsdl');
        if (!mounted || !wantsWsdl) return reply.callNotFound();
        const location = `${req.protocol}://${req.host}${pathname}`;
        return reply.header('content-type', 'text/xml; charset=utf-8').send(mounted.wsdl.at(location));
      },
    });
    child.route({
      method: 'POST',
      url: '/*',
      config: { soap: true },
      exposeHeadRoute: false,
      schema: { hide: true },
      handler: async (req, reply) => {
        const mounted = mountedAt(req);
        if (!mounted) return reply.callNotFound();
        return call(mounted, req, reply);
      },
    });
  });
}

/**
 * The SOAP transport as a value a dialect description can hold, `transport: soap((kit) => [...services])`: the
 * services are built with the dialect's kit (their operations need its context and transactions) when the surface
 * registers. A dialect may as well call `registerSoapServices(app, …)` from its `routes(app, kit)`.
 */
export interface SoapTransport<K> {
  kind: 'soap';
  register(app: FastifyInstance, kit: K): Promise<void>;
}

export function soap<K = unknown>(
  services: readonly SoapServiceDef[] | ((kit: K) => readonly SoapServiceDef[]),
): SoapTransport<K> {
  return {
    kind: 'soap',
    register: (app, kit) => registerSoapServices(app, typeof services === 'function' ? services(kit) : services),
  };
}
