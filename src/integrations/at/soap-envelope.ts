import { XMLBuilder, XMLParser } from 'fast-xml-parser';
import { WSSE_NS, type UsernameToken } from './wsse.js';

/** SOAP 1.1 envelopes for AT, built and read with fast-xml-parser (it escapes text and attributes). */
export const SOAP_ENV_NS = 'http://schemas.xmlsoap.org/soap/envelope/';

export type XmlValue = string | number | boolean | XmlNode | XmlValue[] | null | undefined;
export interface XmlNode {
  [name: string]: XmlValue;
}

export interface BodyElement {
  /** Local name of the operation element, e.g. `registarSerie`. */
  name: string;
  namespace: string;
  prefix: string;
  /** Whether child elements are namespace-qualified (fatcorews) or not (SeriesWS, sgdtws). */
  qualified: boolean;
  /** Children in xs:sequence order (object key order); absent values are left out. */
  content: XmlNode;
}

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  suppressBooleanAttributes: false,
});

function prune(v: XmlValue): XmlValue {
  if (v === null || v === undefined || v === '') return undefined;
  if (Array.isArray(v)) {
    const items = v.map(prune).filter((x) => x !== undefined);
    return items.length ? items : undefined;
  }
  if (typeof v === 'object') {
    const out: XmlNode = {};
    for (const [k, x] of Object.entries(v)) {
      const p = k.startsWith('@_') ? x : prune(x);
      if (p !== undefined) out[k] = p;
    }
    return out;
  }
  return v;
}

function qualify(v: XmlValue, prefix: string): XmlValue {
  if (Array.isArray(v)) return v.map((x) => qualify(x, prefix));
  if (v && typeof v === 'object') {
    return Object.fromEntries(
      Object.entries(v).map(([k, x]) => (k.startsWith('@_') ? [k, x] : [`${prefix}:${k}`, qualify(x, prefix)])),
    );
  }
  return v;
}

/** The business part of a request as sent (for the log), without namespaces or credentials. */
export function bodyForLog(body: BodyElement): XmlNode {
  return { [body.name]: (prune(body.content) ?? {}) as XmlNode };
}

export function buildEnvelope(token: UsernameToken, body: BodyElement): string {
  const pruned = (prune(body.content) ?? {}) as XmlNode;
  const content = (body.qualified ? qualify(pruned, body.prefix) : pruned) as XmlNode;
  return builder.build({
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    'soapenv:Envelope': {
      '@_xmlns:soapenv': SOAP_ENV_NS,
      'soapenv:Header': {
        'wss:Security': {
          '@_xmlns:wss': WSSE_NS,
          'wss:UsernameToken': {
            'wss:Username': token.username,
            'wss:Password': token.password,
            'wss:Nonce': token.nonce,
            'wss:Created': token.created,
          },
        },
      },
      'soapenv:Body': { [`${body.prefix}:${body.name}`]: { [`@_xmlns:${body.prefix}`]: body.namespace, ...content } },
    },
  });
}

export interface ParsedSoap {
  fault?: { code: string; message: string };
  /** The Body's children by local name; every text value is a string. */
  body: Record<string, unknown>;
}

/** Elements that may repeat in AT answers: always arrays, so one and many read the same. */
const REPEATING = new Set(['infoSerie', 'ResponseStatus']);

const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
  isArray: (name) => REPEATING.has(name),
});

/** Reads a SOAP answer; null when the text is not a SOAP envelope. */
export function parseSoap(xml: string): ParsedSoap | null {
  let doc: unknown;
  try {
    doc = parser.parse(xml);
  } catch {
    return null;
  }
  const body = (doc as { Envelope?: { Body?: unknown } })?.Envelope?.Body;
  if (!body || typeof body !== 'object') return null;
  const b = body as Record<string, unknown>;
  const fault = b.Fault as { faultcode?: unknown; faultstring?: unknown } | undefined;
  if (fault && typeof fault === 'object')
    return { fault: { code: String(fault.faultcode ?? ''), message: String(fault.faultstring ?? '') }, body: b };
  return { body: b };
}

/** A child object (or undefined) of a parsed node. */
export function child(node: unknown, name: string): Record<string, unknown> | undefined {
  const v = node && typeof node === 'object' ? (node as Record<string, unknown>)[name] : undefined;
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

/** A text child (or undefined) of a parsed node. */
export function text(node: unknown, name: string): string | undefined {
  const v = node && typeof node === 'object' ? (node as Record<string, unknown>)[name] : undefined;
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
}
