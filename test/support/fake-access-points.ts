import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { XMLBuilder } from 'fast-xml-parser';
import {
  at as path,
  attr,
  child,
  children,
  localName as local,
  rootOf as root,
  text,
  type XmlNode as Node,
} from '../../src/domain/einvoice/xml-tree.js';
import { readUntrustedXml, untrustedXmlParser } from '../../src/exports/einvoice/xml-read.js';
import {
  BIS3_BILLING_TYPES,
  INVOICE_RESPONSE,
  UBL_APPLICATION_RESPONSE_NS,
} from '../../src/domain/einvoice/peppol-ids.js';

/**
 * Fake Peppol access points for the test suite, as real HTTP servers on 127.0.0.1 and an ephemeral port:
 * - a service provider with Billit's access-point API shape (ApiKey header, `/v1/einvoices/registrations/{id}/…`),
 * - a gateway that takes an SBDH-wrapped UBL (Peppol Envelope spec 2.0), the way an Oxalis/phase4 front is run,
 * - an SMP (Peppol SMP 1.x REST: ServiceGroup and SignedServiceMetadata).
 * They check what they receive the way a real access point does (API key, registration, SBDH header fields against
 * the UBL inside) and answer: accepted, 503 (failNext), a refusal (refuseNext), or "not registered".
 * They parse with fast-xml-parser on their own, independently of src/exports/einvoice/sbdh.ts.
 */

export interface PeppolDocTypeLike {
  documentTypeId: string;
  processId: string;
}
export type ParticipantLike = string | { scheme: string; value: string };

export interface FakeReceived {
  headers: IncomingHttpHeaders;
  /** The raw request body (JSON for the service provider, the SBD XML for the gateway). */
  body: string;
  /** The business document as it would go on the wire (UBL Invoice/CreditNote or ApplicationResponse). */
  ubl: string;
  sender: string;
  receiver: string;
  documentTypeId: string;
  /** The id the fake answered with. */
  transmissionId: string;
  /** The SBDH InstanceIdentifier (gateway) or the Idempotency-Key (service provider). */
  instanceId: string | null;
}

export interface FakeResponseReceived {
  /** The received document's id at the access point (service provider) or the referenced document id (gateway). */
  transmissionId: string | null;
  /** UNCL 4343 response code (AP, RE, …). */
  status: string;
  reason: string | null;
  xml: string;
  sender: string | null;
  receiver: string | null;
}

export interface InboundSpec {
  xml: string;
  sender: string;
  receiver: string;
  documentTypeId?: string;
  processId?: string;
  instanceId?: string;
  /** SBDH COUNTRY_C1; from the document's seller address when absent. */
  country?: string;
  /** Post the document without the SBDH (a gateway that strips it). */
  bare?: boolean;
}

export interface FakeInboxItem {
  id: string;
  xml: string;
  sender: string;
  receiver: string;
  documentTypeId: string;
  acknowledged: boolean;
}

export interface FakeAccessPoint {
  url: string;
  kind: 'service-provider' | 'gateway';
  /** The credentials the fake expects (service provider: apiKey + registrationId; gateway: token). */
  apiKey?: string;
  registrationId?: string;
  token?: string;
  received: FakeReceived[];
  /** Participant ids asked of the fake's own lookup (service provider). */
  lookups: string[];
  register(participant: ParticipantLike, docTypes?: readonly (PeppolDocTypeLike | string)[]): void;
  /**
   * Service provider: the (un)registrations asked through its API (`POST|DELETE /v1/peppol/participants`), in order;
   * each is reflected in its lookup (and in the SMP it was given, as a provider publishes into its own).
   */
  registrations: { action: 'register' | 'unregister'; participant: string; documentTypes: string[] }[];
  /** The next n transmissions get this HTTP status (default 503) without being looked at. */
  failNext(n?: number, status?: number): void;
  /** The next transmission that passes the checks is refused with this reason. */
  refuseNext(reason: string): void;
  /** Marks a transmission delivered; with a callback URL, POSTs the access point's status webhook there. */
  deliver(transmissionId: string, callbackUrl?: string): Promise<{ status: number; body: string } | null>;
  /** Marks a transmission refused by the receiver (status "Error"); with a callback URL, POSTs the webhook. */
  reject(
    transmissionId: string,
    reason: string,
    callbackUrl?: string,
  ): Promise<{ status: number; body: string } | null>;
  /** The status of a transmission as the fake knows it. */
  statusOf(transmissionId: string): 'sent' | 'delivered' | 'refused' | null;
  /** Service provider: a document waiting in the inbox (pulled by fetchInbox); returns its inbox id. */
  queueInbound(doc: InboundSpec): string;
  inbox: FakeInboxItem[];
  /** Gateway: POSTs an SBDH-wrapped document to Faturador, as the gateway does on reception. */
  pushInbound(
    targetUrl: string,
    headers: Record<string, string>,
    doc: InboundSpec,
  ): Promise<{ status: number; body: string; instanceId: string }>;
  /** Invoice Responses received. */
  responses: FakeResponseReceived[];
  close(): Promise<void>;
}

export interface FakeSmp {
  url: string;
  register(participant: ParticipantLike, docTypes?: readonly (PeppolDocTypeLike | string)[]): void;
  unregister(participant: ParticipantLike): void;
  /** The next n requests (or only service-metadata requests) get this HTTP status (default 503). */
  failNext(n?: number, status?: number, what?: 'any' | 'metadata'): void;
  /** Participant ids asked for (ServiceGroup requests), in order. */
  lookups: string[];
  /** Every path requested, decoded. */
  requests: string[];
  close(): Promise<void>;
}

// ---------------------------------------------------------------- XML helpers (local names, prefixes vary)

const SBDH_NS = 'http://www.unece.org/cefact/namespaces/StandardBusinessDocumentHeader';
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const parser = untrustedXmlParser();
const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@', suppressEmptyNode: true });
const norm = (p: ParticipantLike) => (typeof p === 'string' ? p : `${p.scheme}:${p.value}`).trim().toLowerCase();
const idOf = (endpoint: unknown) => {
  const scheme = attr(endpoint, 'schemeID');
  const v = text(endpoint);
  return scheme && v ? `${scheme}:${v}` : null;
};

interface UblFacts {
  localName: string;
  ns: string | null;
  customizationId: string | null;
  profileId: string | null;
  sender: string | null;
  receiver: string | null;
  senderCountry: string | null;
  /** ApplicationResponse: the response code, reason and referenced document id. */
  responseCode?: string | null;
  responseReason?: string | null;
  referencedId?: string | null;
}

function ublFacts(r: { key: string; node: Node; ns: string | null }): UblFacts {
  const n = r.node;
  const localName = local(r.key);
  const base = {
    localName,
    ns: r.ns,
    customizationId: text(child(n, 'CustomizationID')),
    profileId: text(child(n, 'ProfileID')),
  };
  if (localName === 'ApplicationResponse') {
    const response = path(n, 'DocumentResponse', 'Response');
    return {
      ...base,
      sender: idOf(path(n, 'SenderParty', 'EndpointID')),
      receiver: idOf(path(n, 'ReceiverParty', 'EndpointID')),
      senderCountry: null,
      responseCode: text(child(response, 'ResponseCode')),
      responseReason: text(path(response, 'Status', 'StatusReason')) ?? text(child(response, 'Description')),
      referencedId: text(path(n, 'DocumentResponse', 'DocumentReference', 'ID')),
    };
  }
  const supplier = path(n, 'AccountingSupplierParty', 'Party');
  return {
    ...base,
    sender: idOf(child(supplier, 'EndpointID')),
    receiver: idOf(path(n, 'AccountingCustomerParty', 'Party', 'EndpointID')),
    senderCountry: text(path(supplier, 'PostalAddress', 'Country', 'IdentificationCode')),
  };
}

function parseXml(xml: string): { doc: Node } | { error: string } {
  const read = readUntrustedXml(xml, parser);
  if (read.ok) return { doc: read.doc };
  if (read.issue === 'doctype') return { error: 'A DOCTYPE is not accepted.' };
  return { error: `Not well-formed XML: ${read.message} (line ${read.line})` };
}

/** `<ns>::<local>##<customization>::2.1` as the document itself declares it. */
function documentTypeIdOf(f: UblFacts): string | null {
  if (!f.ns || !f.customizationId) return null;
  return `${f.ns}::${f.localName}##${f.customizationId}::2.1`;
}

/** The business document's raw text inside an SBD: between the header's end and the root's end tag. */
function payloadOf(sbd: string): string | null {
  const head = /<\/(?:[\w.-]+:)?StandardBusinessDocumentHeader\s*>/.exec(sbd);
  const tail = [...sbd.matchAll(/<\/(?:[\w.-]+:)?StandardBusinessDocument\s*>/g)].pop();
  if (!head || !tail || tail.index! < head.index!) return null;
  return sbd.slice(head.index! + head[0].length, tail.index!).trim();
}

// ---------------------------------------------------------------- shared server plumbing

interface Req {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}
interface Res {
  status: number;
  body?: unknown;
  type?: string;
}

async function serve(handle: (req: Req, base: string) => Res | Promise<Res>): Promise<{ server: Server; url: string }> {
  let base = '';
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const r: Req = {
        method: req.method ?? 'GET',
        path: (req.url ?? '/').split('?')[0]!,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      Promise.resolve()
        .then(() => handle(r, base))
        .catch((e: unknown): Res => ({ status: 500, body: { error: String(e) } }))
        .then((out) => {
          const isText = typeof out.body === 'string';
          res.writeHead(out.status, {
            'content-type': out.type ?? (isText ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8'),
          });
          res.end(out.body === undefined ? '' : isText ? (out.body as string) : JSON.stringify(out.body));
        });
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { server, url: base };
}

function closer(server: Server): () => Promise<void> {
  return () =>
    new Promise<void>((ok) => {
      server.closeAllConnections?.();
      server.close(() => ok());
    });
}

async function postJson(url: string, body: unknown, headers: Record<string, string> = {}) {
  const r = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(5000),
  });
  return { status: r.status, body: await r.text() };
}

/** Which document types each registered participant takes. */
class Registry {
  private readonly map = new Map<string, PeppolDocTypeLike[]>();
  register(p: ParticipantLike, docTypes?: readonly (PeppolDocTypeLike | string)[]) {
    const types = (docTypes ?? BIS3_BILLING_TYPES).map((t) =>
      typeof t === 'string' ? { documentTypeId: t, processId: BIS3_BILLING_TYPES[0]!.processId } : t,
    );
    this.map.set(norm(p), types);
  }
  unregister(p: ParticipantLike): boolean {
    return this.map.delete(norm(p));
  }
  get(p: string): PeppolDocTypeLike[] | undefined {
    return this.map.get(norm(p));
  }
  takes(p: string, documentTypeId: string): boolean {
    return !!this.get(p)?.some((t) => t.documentTypeId === documentTypeId);
  }
}

/** What failNext/refuseNext arm, shared by both access points. */
class Faults {
  fail: { n: number; status: number } = { n: 0, status: 503 };
  refusals: string[] = [];
  takeFailure(): number | null {
    if (this.fail.n <= 0) return null;
    this.fail.n--;
    return this.fail.status;
  }
}

function inboundDocType(doc: InboundSpec): { documentTypeId: string; processId: string; country: string } {
  const parsed = parseXml(doc.xml);
  const r = 'doc' in parsed ? root(parsed.doc) : null;
  const f = r ? ublFacts(r) : null;
  return {
    documentTypeId: doc.documentTypeId ?? (f && documentTypeIdOf(f)) ?? BIS3_BILLING_TYPES[0]!.documentTypeId,
    processId: doc.processId ?? f?.profileId ?? BIS3_BILLING_TYPES[0]!.processId,
    country: doc.country ?? f?.senderCountry ?? 'BE',
  };
}

// ---------------------------------------------------------------- service provider (Billit access-point shape)

/**
 * Billit's access-point API shape: `POST {base}/v1/einvoices/registrations/{registrationId}/commands/send`
 * (JSON `{TransportType:"Peppol", XML, SenderID, ReceiverID, DocumentTypeID, ProcessID}`, `ApiKey` header,
 * `Idempotency-Key`) → `{OrderID}`; errors `{errors:[{Code, Description}]}` (400 TheCustomerIsNotActiveOnPeppol
 * for a receiver not on Peppol); participant lookup `GET {base}/v1/peppol/participantInformation/{id}`; inbox
 * `GET …/inbox`, `GET …/files/{PeppolFileID}`, `POST …/inbox/{id}/confirm`, `POST …/inbox/{id}/commands/respond`;
 * status `GET …/orders/{OrderID}` and the Billit status webhook on deliver().
 */
export async function startFakeServiceProvider(opts: { apiKey?: string; registrationId?: string; smp?: FakeSmp } = {}) {
  const apiKey = opts.apiKey ?? 'fake-sp-api-key';
  const registrationId = opts.registrationId ?? 'reg-1001';
  const registry = new Registry();
  const faults = new Faults();
  const received: FakeReceived[] = [];
  const responses: FakeResponseReceived[] = [];
  const lookups: string[] = [];
  const registrations: FakeAccessPoint['registrations'] = [];
  const inbox: FakeInboxItem[] = [];
  const states = new Map<string, { status: 'sent' | 'delivered' | 'refused'; reason?: string; at?: string }>();
  const byIdempotencyKey = new Map<string, string>();
  let nextOrder = 5_000_001;
  let nextInbox = 700_001;

  const err = (status: number, Code: string, Description: string): Res => ({
    status,
    body: { errors: [{ Code, Description }] },
  });

  function send(req: Req): Res {
    const failure = faults.takeFailure();
    if (failure) return { status: failure, body: { Message: 'Service temporarily unavailable' } };
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(req.body) as Record<string, unknown>;
    } catch {
      return err(400, 'InvalidJson', 'The body is not JSON.');
    }
    if (body.TransportType !== 'Peppol') return err(400, 'InvalidTransportType', 'TransportType must be Peppol.');
    const xml = typeof body.XML === 'string' ? body.XML : '';
    const parsed = parseXml(xml);
    if ('error' in parsed) return err(400, 'InvalidUBL', parsed.error);
    const r = root(parsed.doc);
    if (!r || !['Invoice', 'CreditNote'].includes(local(r.key)))
      return err(400, 'InvalidUBL', 'XML must be a UBL Invoice or CreditNote.');
    const f = ublFacts(r);
    if (!f.sender || !f.receiver) return err(400, 'InvalidUBL', 'The UBL has no seller or buyer EndpointID.');
    if (typeof body.ReceiverID === 'string' && norm(body.ReceiverID) !== norm(f.receiver))
      return err(400, 'ReceiverMismatch', `ReceiverID ${body.ReceiverID} is not the UBL's buyer ${f.receiver}.`);
    if (typeof body.SenderID === 'string' && norm(body.SenderID) !== norm(f.sender))
      return err(400, 'SenderMismatch', `SenderID ${body.SenderID} is not the UBL's seller ${f.sender}.`);
    const documentTypeId =
      (typeof body.DocumentTypeID === 'string' ? body.DocumentTypeID : null) ?? documentTypeIdOf(f) ?? '';
    if (documentTypeIdOf(f) !== documentTypeId)
      return err(400, 'DocumentTypeMismatch', `DocumentTypeID does not match the UBL (${documentTypeIdOf(f)}).`);
    const key = typeof req.headers['idempotency-key'] === 'string' ? req.headers['idempotency-key'] : null;
    const seen = key ? byIdempotencyKey.get(key) : undefined;
    if (seen) return { status: 200, body: { OrderID: Number(seen) } };
    if (!registry.takes(f.receiver, documentTypeId))
      return err(400, 'TheCustomerIsNotActiveOnPeppol', `The customer ${f.receiver} is not active on Peppol.`);
    const refusal = faults.refusals.shift();
    if (refusal) return err(400, 'PeppolDeliveryRefused', refusal);
    const id = String(nextOrder++);
    if (key) byIdempotencyKey.set(key, id);
    states.set(id, { status: 'sent' });
    received.push({
      headers: req.headers,
      body: req.body,
      ubl: xml,
      sender: f.sender,
      receiver: f.receiver,
      documentTypeId,
      transmissionId: id,
      instanceId: key,
    });
    return { status: 200, body: { OrderID: Number(id) } };
  }

  /** Billit's `POST|DELETE /v1/peppol/participants {CompanyID}`; POST also takes the ServiceDetails to publish. */
  function participants(req: Req): Res {
    if (req.headers['apikey'] !== apiKey) return err(401, 'Unauthorized', 'Invalid ApiKey.');
    const failure = faults.takeFailure();
    if (failure) return { status: failure, body: { Message: 'Service temporarily unavailable' } };
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(req.body) as Record<string, unknown>;
    } catch {
      return err(400, 'InvalidJson', 'The body is not JSON.');
    }
    const id = typeof body.CompanyID === 'string' ? body.CompanyID.trim() : '';
    if (!/^\d{4}:\S+$/.test(id))
      return err(400, 'InvalidCompanyID', 'CompanyID must be a scheme:value participant id.');
    const refusal = faults.refusals.shift();
    if (refusal) return err(400, 'PeppolRegistrationRefused', refusal);
    if (req.method === 'DELETE') {
      if (!registry.get(id)) return err(400, 'ParticipantNotRegistered', `${id} is not registered here.`);
      registry.unregister(id);
      opts.smp?.unregister(id);
      registrations.push({ action: 'unregister', participant: id, documentTypes: [] });
      return { status: 200, body: true };
    }
    const details = Array.isArray(body.ServiceDetails) ? (body.ServiceDetails as Record<string, unknown>[]) : [];
    const types = details
      .filter((d) => typeof d?.DocumentTypeID === 'string' && typeof d?.ProcessID === 'string')
      .map((d) => ({ documentTypeId: d.DocumentTypeID as string, processId: d.ProcessID as string }));
    registry.register(id, types.length ? types : undefined);
    opts.smp?.register(id, types.length ? types : undefined);
    registrations.push({ action: 'register', participant: id, documentTypes: types.map((t) => t.documentTypeId) });
    return { status: 200, body: true };
  }

  function deliveryDetails(id: string) {
    const s = states.get(id)!;
    return {
      DocumentDeliveryStatus: s.status === 'delivered' ? 'Delivered' : s.status === 'refused' ? 'Error' : 'Pending',
      IsDocumentDelivered: s.status === 'delivered',
      DeliveryDate: s.at ?? null,
      DeliveryMessage: s.reason ?? null,
    };
  }

  const { server, url } = await serve((req) => {
    const m = /^\/v1\/peppol\/participantInformation\/([^/]+)$/.exec(req.path);
    if (m && req.method === 'GET') {
      const id = decodeURIComponent(m[1]!);
      lookups.push(id);
      const types = registry.get(id);
      return {
        status: 200,
        body: {
          Registered: !!types,
          Identifier: id,
          DocumentTypes: (types ?? []).map((t) => t.documentTypeId),
          ServiceDetails: (types ?? []).map((t) => ({ DocumentTypeID: t.documentTypeId, ProcessID: t.processId })),
        },
      };
    }
    if (req.path === '/v1/peppol/participants' && (req.method === 'POST' || req.method === 'DELETE'))
      return participants(req);
    const reg = /^\/v1\/einvoices\/registrations\/([^/]+)(\/.*)$/.exec(req.path);
    if (!reg) return err(404, 'NotFound', `No route ${req.method} ${req.path}.`);
    if (req.headers['apikey'] !== apiKey) return err(401, 'Unauthorized', 'Invalid ApiKey.');
    if (decodeURIComponent(reg[1]!) !== registrationId)
      return err(404, 'RegistrationNotFound', `Registration ${reg[1]} not found.`);
    const rest = reg[2]!;
    if (req.method === 'POST' && rest === '/commands/send') return send(req);
    let mm: RegExpExecArray | null;
    if (req.method === 'GET' && (mm = /^\/orders\/(\d+)$/.exec(rest))) {
      if (!states.has(mm[1]!)) return err(404, 'OrderNotFound', 'No such order.');
      return { status: 200, body: { OrderID: Number(mm[1]), CurrentDocumentDeliveryDetails: deliveryDetails(mm[1]!) } };
    }
    if (req.method === 'GET' && rest === '/inbox')
      return {
        status: 200,
        body: {
          InboxItems: inbox
            .filter((i) => !i.acknowledged)
            .map((i) => ({
              InboxItemID: Number(i.id),
              SenderPeppolID: i.sender,
              ReceiverPeppolID: i.receiver,
              PeppolDocumentType: i.documentTypeId,
              CreationDate: new Date().toISOString(),
              PeppolFileID: `f-${i.id}`,
            })),
        },
      };
    if (req.method === 'GET' && (mm = /^\/files\/f-(\d+)$/.exec(rest))) {
      const item = inbox.find((i) => i.id === mm![1]);
      return item
        ? { status: 200, body: item.xml, type: 'application/xml' }
        : err(404, 'FileNotFound', 'No such file.');
    }
    if (req.method === 'POST' && (mm = /^\/inbox\/(\d+)\/confirm$/.exec(rest))) {
      const item = inbox.find((i) => i.id === mm![1]);
      if (!item) return err(404, 'InboxItemNotFound', 'No such inbox item.');
      item.acknowledged = true;
      return { status: 200, body: true };
    }
    if (req.method === 'POST' && (mm = /^\/inbox\/(\d+)\/commands\/respond$/.exec(rest))) {
      const item = inbox.find((i) => i.id === mm![1]);
      if (!item) return err(404, 'InboxItemNotFound', 'No such inbox item.');
      const failure = faults.takeFailure();
      if (failure) return { status: failure, body: { Message: 'Service temporarily unavailable' } };
      let b: Record<string, unknown>;
      try {
        b = JSON.parse(req.body) as Record<string, unknown>;
      } catch {
        return err(400, 'InvalidJson', 'The body is not JSON.');
      }
      const code = typeof b.ResponseCode === 'string' ? b.ResponseCode : '';
      if (!['AB', 'IP', 'UQ', 'CA', 'RE', 'AP', 'PD'].includes(code))
        return err(400, 'InvalidResponseCode', 'ResponseCode must be a UNCL 4343 code.');
      if (code === 'RE' && !b.Reason) return err(400, 'ReasonRequired', 'A refusal needs a Reason.');
      responses.push({
        transmissionId: item.id,
        status: code,
        reason: typeof b.Reason === 'string' ? b.Reason : null,
        xml: typeof b.XML === 'string' ? b.XML : '',
        sender: item.receiver,
        receiver: item.sender,
      });
      return { status: 200, body: { ResponseID: `resp-${responses.length}` } };
    }
    return err(404, 'NotFound', `No route ${req.method} ${rest}.`);
  });

  async function notify(id: string, callbackUrl?: string) {
    if (!callbackUrl) return null;
    // Billit's webhook body (EntityType Order, update U), reference billit-magnifinance.md "Webhooks".
    return postJson(callbackUrl, {
      UpdatedEntityID: Number(id),
      UpdatedEntityType: 'Order',
      WebhookUpdateTypeTC: 'U',
      EntityDetail: { OrderID: Number(id), CurrentDocumentDeliveryDetails: deliveryDetails(id) },
    });
  }

  const fake: FakeAccessPoint = {
    url,
    kind: 'service-provider',
    apiKey,
    registrationId,
    received,
    lookups,
    registrations,
    responses,
    inbox,
    register: (p, t) => registry.register(p, t),
    failNext(n = 1, status = 503) {
      faults.fail = { n, status };
    },
    refuseNext(reason) {
      faults.refusals.push(reason);
    },
    async deliver(id, callbackUrl) {
      if (!states.has(id)) throw new Error(`fake service provider: no transmission ${id}`);
      states.set(id, { status: 'delivered', at: new Date().toISOString() });
      return notify(id, callbackUrl);
    },
    async reject(id, reason, callbackUrl) {
      if (!states.has(id)) throw new Error(`fake service provider: no transmission ${id}`);
      states.set(id, { status: 'refused', reason, at: new Date().toISOString() });
      return notify(id, callbackUrl);
    },
    statusOf: (id) => states.get(id)?.status ?? null,
    queueInbound(doc) {
      const id = String(nextInbox++);
      const t = inboundDocType(doc);
      inbox.push({
        id,
        xml: doc.xml,
        sender: doc.sender,
        receiver: doc.receiver,
        documentTypeId: t.documentTypeId,
        acknowledged: false,
      });
      return id;
    },
    async pushInbound() {
      throw new Error('the service provider does not push: queue the document (queueInbound) and fetch the inbox');
    },
    close: closer(server),
  };
  return fake;
}

// ---------------------------------------------------------------- gateway (SBDH over HTTP)

/** An SBD around a business document, built with the XML builder (header) and the document verbatim. */
export function fakeSbd(doc: InboundSpec & { instanceId: string }): string {
  const t = inboundDocType(doc);
  const parts = /^(.+)::([\w.-]+)##(.+)::([^:]+)$/.exec(t.documentTypeId);
  const header = builder.build({
    StandardBusinessDocumentHeader: {
      HeaderVersion: '1.0',
      Sender: { Identifier: { '@Authority': 'iso6523-actorid-upis', '#text': doc.sender } },
      Receiver: { Identifier: { '@Authority': 'iso6523-actorid-upis', '#text': doc.receiver } },
      DocumentIdentification: {
        Standard: parts?.[1] ?? '',
        TypeVersion: parts?.[4] ?? '2.1',
        InstanceIdentifier: doc.instanceId,
        Type: parts?.[2] ?? '',
        CreationDateAndTime: new Date().toISOString(),
      },
      BusinessScope: {
        Scope: [
          { Type: 'DOCUMENTID', InstanceIdentifier: t.documentTypeId, Identifier: 'busdox-docid-qns' },
          { Type: 'PROCESSID', InstanceIdentifier: t.processId, Identifier: 'cenbii-procid-ubl' },
          { Type: 'COUNTRY_C1', InstanceIdentifier: t.country },
        ],
      },
    },
  }) as string;
  const payload = doc.xml.replace(/^\uFEFF?\s*<\?xml[^>]*\?>\s*/, '');
  return `<?xml version="1.0" encoding="UTF-8"?><StandardBusinessDocument xmlns="${SBDH_NS}">${header}${payload}</StandardBusinessDocument>`;
}

/**
 * An Oxalis/phase4-style HTTP front: `POST {url}` with the SBD (application/xml, `Authorization: Bearer` when a
 * token is set) → 202 `{transmissionId, status:"sent"}`; 400 `{error:"invalid_sbdh", reason}` when the envelope does
 * not match the document; 404 `{error:"not_registered"}`; 422 `{error:"refused", reason}`; status
 * `GET {url}/{transmissionId}`.
 */
export async function startFakeGateway(opts: { token?: string } = {}) {
  const token = opts.token;
  const registry = new Registry();
  const faults = new Faults();
  const received: FakeReceived[] = [];
  const responses: FakeResponseReceived[] = [];
  const states = new Map<string, { status: 'sent' | 'delivered' | 'refused'; reason?: string; at?: string }>();
  const bad = (reason: string): Res => ({ status: 400, body: { error: 'invalid_sbdh', reason } });

  /** The checks a sending access point makes on an SBD before it goes out over AS4. */
  function check(
    body: string,
  ):
    | Res
    | { facts: UblFacts; sender: string; receiver: string; documentTypeId: string; instanceId: string; ubl: string } {
    const parsed = parseXml(body);
    if ('error' in parsed) return bad(parsed.error);
    const r = root(parsed.doc);
    if (!r || local(r.key) !== 'StandardBusinessDocument')
      return bad('The root element is not StandardBusinessDocument.');
    if (r.ns !== SBDH_NS) return bad(`StandardBusinessDocument is not in the ${SBDH_NS} namespace.`);
    const h = child(r.node, 'StandardBusinessDocumentHeader');
    if (!h) return bad('No StandardBusinessDocumentHeader.');
    if (text(child(h, 'HeaderVersion')) !== '1.0') return bad('HeaderVersion must be 1.0.');
    const sid = path(h, 'Sender', 'Identifier');
    const rid = path(h, 'Receiver', 'Identifier');
    if (attr(sid, 'Authority') !== 'iso6523-actorid-upis' || attr(rid, 'Authority') !== 'iso6523-actorid-upis')
      return bad('Sender and Receiver Identifier need Authority="iso6523-actorid-upis".');
    const sender = text(sid);
    const receiver = text(rid);
    if (!sender || !/^\d{4}:\S+$/.test(sender) || !receiver || !/^\d{4}:\S+$/.test(receiver))
      return bad('Sender and Receiver must be scheme:value participant ids.');
    const di = child(h, 'DocumentIdentification');
    const standard = text(child(di, 'Standard'));
    const typeVersion = text(child(di, 'TypeVersion'));
    const instanceId = text(child(di, 'InstanceIdentifier'));
    const type = text(child(di, 'Type'));
    const created = text(child(di, 'CreationDateAndTime'));
    if (!standard || !typeVersion || !type) return bad('DocumentIdentification needs Standard, TypeVersion and Type.');
    if (!instanceId || !UUID_RE.test(instanceId)) return bad('InstanceIdentifier must be a UUID.');
    if (!created || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/.test(created) || Number.isNaN(Date.parse(created)))
      return bad('CreationDateAndTime must be an xs:dateTime.');
    const scopes = children(child(h, 'BusinessScope'), 'Scope');
    const scope = (t: string) => scopes.find((s) => text(child(s, 'Type')) === t);
    const docScope = scope('DOCUMENTID');
    const procScope = scope('PROCESSID');
    const c1 = scope('COUNTRY_C1');
    if (!docScope || text(child(docScope, 'Identifier')) !== 'busdox-docid-qns')
      return bad('BusinessScope needs a DOCUMENTID scope with Identifier busdox-docid-qns.');
    if (!procScope || text(child(procScope, 'Identifier')) !== 'cenbii-procid-ubl')
      return bad('BusinessScope needs a PROCESSID scope with Identifier cenbii-procid-ubl.');
    if (!c1 || !/^[A-Z]{2}$/.test(text(child(c1, 'InstanceIdentifier')) ?? ''))
      return bad('BusinessScope needs a COUNTRY_C1 scope with a two-letter country.');
    const documentTypeId = text(child(docScope, 'InstanceIdentifier')) ?? '';
    const processId = text(child(procScope, 'InstanceIdentifier')) ?? '';
    const ubl = payloadOf(body);
    if (!ubl) return bad('No business document after the header.');
    const inner = parseXml(ubl);
    if ('error' in inner) return bad(`The business document: ${inner.error}`);
    const ir = root(inner.doc);
    if (!ir) return bad('No business document after the header.');
    const f = ublFacts(ir);
    if (f.localName !== type) return bad(`Type ${type} does not match the document's root ${f.localName}.`);
    if (f.ns !== standard) return bad(`Standard ${standard} does not match the document's namespace ${f.ns}.`);
    const declared = f.ns && f.customizationId ? `${f.ns}::${f.localName}##${f.customizationId}::${typeVersion}` : null;
    if (declared !== documentTypeId)
      return bad(`DOCUMENTID ${documentTypeId} does not match the document (${declared}).`);
    if (f.profileId !== processId) return bad(`PROCESSID ${processId} does not match the document's ProfileID.`);
    if (!f.sender || norm(f.sender) !== norm(sender))
      return bad(`Sender ${sender} is not the document's sender EndpointID ${f.sender}.`);
    if (!f.receiver || norm(f.receiver) !== norm(receiver))
      return bad(`Receiver ${receiver} is not the document's receiver EndpointID ${f.receiver}.`);
    if (f.senderCountry && text(child(c1, 'InstanceIdentifier')) !== f.senderCountry)
      return bad(`COUNTRY_C1 must be the sender's country ${f.senderCountry}.`);
    return { facts: f, sender, receiver, documentTypeId, instanceId, ubl };
  }

  const { server, url: base } = await serve((req) => {
    if (req.method === 'GET' && req.path.startsWith('/sbd/')) {
      const id = decodeURIComponent(req.path.slice('/sbd/'.length));
      const s = states.get(id);
      return s
        ? { status: 200, body: { transmissionId: id, status: s.status, reason: s.reason ?? null, at: s.at ?? null } }
        : { status: 404, body: { error: 'not_found' } };
    }
    if (req.method !== 'POST' || req.path !== '/sbd') return { status: 404, body: { error: 'not_found' } };
    if (token && req.headers.authorization !== `Bearer ${token}`)
      return { status: 401, body: { error: 'unauthorized' } };
    const failure = faults.takeFailure();
    if (failure) return { status: failure, body: { error: 'unavailable' } };
    const c = check(req.body);
    if ('status' in c) return c;
    const isResponse = c.facts.localName === 'ApplicationResponse';
    // The fake takes Invoice Responses for any participant (a sender that does not take them is not simulated).
    if (!isResponse && !registry.takes(c.receiver, c.documentTypeId))
      return {
        status: 404,
        body: { error: 'not_registered', reason: `${c.receiver} is not registered for this document type in the SMP.` },
      };
    const refusal = faults.refusals.shift();
    if (refusal) return { status: 422, body: { error: 'refused', reason: refusal } };
    const transmissionId = `gw-${randomUUID()}`;
    states.set(transmissionId, { status: 'sent' });
    received.push({
      headers: req.headers,
      body: req.body,
      ubl: c.ubl,
      sender: c.sender,
      receiver: c.receiver,
      documentTypeId: c.documentTypeId,
      transmissionId,
      instanceId: c.instanceId,
    });
    if (isResponse)
      responses.push({
        transmissionId: c.facts.referencedId ?? null,
        status: c.facts.responseCode ?? '',
        reason: c.facts.responseReason ?? null,
        xml: c.ubl,
        sender: c.sender,
        receiver: c.receiver,
      });
    return { status: 202, body: { transmissionId, status: 'sent' } };
  });

  async function notify(id: string, callbackUrl?: string) {
    if (!callbackUrl) return null;
    const s = states.get(id)!;
    return postJson(callbackUrl, { transmissionId: id, status: s.status, reason: s.reason ?? null, at: s.at });
  }

  const fake: FakeAccessPoint = {
    url: `${base}/sbd`,
    kind: 'gateway',
    token,
    received,
    lookups: [],
    registrations: [],
    responses,
    inbox: [],
    register: (p, t) => registry.register(p, t),
    failNext(n = 1, status = 503) {
      faults.fail = { n, status };
    },
    refuseNext(reason) {
      faults.refusals.push(reason);
    },
    async deliver(id, callbackUrl) {
      if (!states.has(id)) throw new Error(`fake gateway: no transmission ${id}`);
      states.set(id, { status: 'delivered', at: new Date().toISOString() });
      return notify(id, callbackUrl);
    },
    async reject(id, reason, callbackUrl) {
      if (!states.has(id)) throw new Error(`fake gateway: no transmission ${id}`);
      states.set(id, { status: 'refused', reason, at: new Date().toISOString() });
      return notify(id, callbackUrl);
    },
    statusOf: (id) => states.get(id)?.status ?? null,
    queueInbound() {
      throw new Error('the gateway has no inbox: it pushes (pushInbound)');
    },
    async pushInbound(targetUrl, headers, doc) {
      const instanceId = doc.instanceId ?? randomUUID();
      const body = doc.bare ? doc.xml : fakeSbd({ ...doc, instanceId });
      const r = await fetch(targetUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/xml', ...headers },
        body,
        signal: AbortSignal.timeout(10_000),
      });
      return { status: r.status, body: await r.text(), instanceId };
    },
    close: closer(server),
  };
  return fake;
}

// ---------------------------------------------------------------- SMP

const SMP_NS = 'http://busdox.org/serviceMetadata/publishing/1.0/';
const IDS_NS = 'http://busdox.org/transport/identifiers/1.0/';

/**
 * Peppol SMP 1.x REST (PEPPOL Transport Infrastructure, Service Metadata Publishing 1.x):
 * `GET {url}/iso6523-actorid-upis::{id}` → ServiceGroup with one ServiceMetadataReference per document type;
 * `GET {url}/iso6523-actorid-upis::{id}/services/busdox-docid-qns::{docTypeId}` → SignedServiceMetadata.
 * Both path segments URL-encoded; 404 for an unknown participant or document type. No XML signature (the client
 * does not verify one).
 */
export async function startFakeSmp(): Promise<FakeSmp> {
  const registry = new Registry();
  const lookups: string[] = [];
  const requests: string[] = [];
  let fail = { n: 0, status: 503, what: 'any' as 'any' | 'metadata' };
  const { server, url } = await serve((req, base) => {
    const segments = req.path.split('/').filter(Boolean).map(decodeURIComponent);
    requests.push(segments.join('/'));
    if (fail.n > 0 && (fail.what === 'any' || segments[1] === 'services')) {
      fail.n--;
      return { status: fail.status, body: 'Unavailable', type: 'text/plain' };
    }
    const pidRaw = segments[0] ?? '';
    const pm = /^iso6523-actorid-upis::(.+)$/i.exec(pidRaw);
    if (req.method !== 'GET' || !pm) return { status: 404, body: 'Not found', type: 'text/plain' };
    const pid = pm[1]!;
    const types = registry.get(pid);
    if (segments.length === 1) {
      lookups.push(pid);
      if (!types) return { status: 404, body: 'Unknown participant', type: 'text/plain' };
      const xml = builder.build({
        '?xml': { '@version': '1.0', '@encoding': 'UTF-8' },
        ServiceGroup: {
          '@xmlns': SMP_NS,
          '@xmlns:ids': IDS_NS,
          'ids:ParticipantIdentifier': { '@scheme': 'iso6523-actorid-upis', '#text': pid },
          ServiceMetadataReferenceCollection: {
            ServiceMetadataReference: types.map((t) => ({
              '@href': `${base}/${encodeURIComponent(`iso6523-actorid-upis::${pid}`)}/services/${encodeURIComponent(`busdox-docid-qns::${t.documentTypeId}`)}`,
            })),
          },
        },
      }) as string;
      return { status: 200, body: xml, type: 'application/xml' };
    }
    const dm = segments[1] === 'services' ? /^busdox-docid-qns::(.+)$/.exec(segments[2] ?? '') : null;
    const matching = dm && types ? types.filter((t) => t.documentTypeId === dm[1]) : [];
    if (!dm || !matching.length) return { status: 404, body: 'Unknown document type', type: 'text/plain' };
    const xml = builder.build({
      '?xml': { '@version': '1.0', '@encoding': 'UTF-8' },
      SignedServiceMetadata: {
        '@xmlns': SMP_NS,
        '@xmlns:ids': IDS_NS,
        ServiceMetadata: {
          ServiceInformation: {
            'ids:ParticipantIdentifier': { '@scheme': 'iso6523-actorid-upis', '#text': pid },
            'ids:DocumentIdentifier': { '@scheme': 'busdox-docid-qns', '#text': dm[1] },
            ProcessList: {
              Process: matching.map((t) => ({
                'ids:ProcessIdentifier': { '@scheme': 'cenbii-procid-ubl', '#text': t.processId },
                ServiceEndpointList: {
                  Endpoint: {
                    '@transportProfile': 'peppol-transport-as4-v2_0',
                    'wsa:EndpointReference': {
                      '@xmlns:wsa': 'http://www.w3.org/2005/08/addressing',
                      'wsa:Address': `${base}/as4`,
                    },
                    RequireBusinessLevelSignature: 'false',
                    Certificate: 'MIIFAKE',
                    ServiceDescription: 'Fake access point',
                    TechnicalContactUrl: 'mailto:peppol@example.test',
                  },
                },
              })),
            },
          },
        },
      },
    }) as string;
    return { status: 200, body: xml, type: 'application/xml' };
  });
  return {
    url,
    register: (p, t) => registry.register(p, t),
    unregister: (p) => void registry.unregister(p),
    failNext(n = 1, status = 503, what = 'any') {
      fail = { n, status, what };
    },
    lookups,
    requests,
    close: closer(server),
  };
}

/** The Invoice Response document type, for tests that register a participant for it. */
export const INVOICE_RESPONSE_TYPE: PeppolDocTypeLike = INVOICE_RESPONSE;
export { UBL_APPLICATION_RESPONSE_NS };
