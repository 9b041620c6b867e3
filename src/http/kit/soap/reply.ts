import { XMLBuilder } from 'fast-xml-parser';
import { type FaultCode, faultCodeName } from './fault.js';
import { ENVELOPE_NS, type SoapVersion } from './versions.js';

/**
 * What an operation answers, as plain data: objects become elements in key order, arrays repeat their element,
 * `null` is written `xsi:nil="true"`, `undefined` is left out, and other values (numbers, booleans, decimals,
 * dates) are written as text.
 */
export type SoapOut =
  string | number | boolean | null | undefined | Date | { toString(): string } | SoapOutRecord | SoapOut[];
export interface SoapOutRecord {
  [name: string]: SoapOut;
}

const XSI = 'http://www.w3.org/2001/XMLSchema-instance';
const XSD = 'http://www.w3.org/2001/XMLSchema';

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  textNodeName: '#text',
  format: false,
  suppressEmptyNode: true,
  suppressBooleanAttributes: false,
  processEntities: true,
});

const isPlainObject = (v: unknown): v is SoapOutRecord =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;

function toTree(value: SoapOut): unknown {
  if (value === null) return { '@_xsi:nil': 'true' };
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.filter((v) => v !== undefined).map(toTree);
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = toTree(v);
    return out;
  }
  return String(value);
}

function envelope(version: SoapVersion, body: Record<string, unknown>): string {
  const tree = {
    'soap:Envelope': {
      '@_xmlns:soap': ENVELOPE_NS[version],
      '@_xmlns:xsi': XSI,
      '@_xmlns:xsd': XSD,
      'soap:Body': body,
    },
  };
  return `<?xml version="1.0" encoding="utf-8"?>${builder.build(tree)}`;
}

/**
 * A document/literal answer: `<{element} xmlns="{namespace}">` holding `content`, so its children are qualified in
 * the service's namespace (elementFormDefault="qualified"), as ASMX writes them.
 */
export function renderReply(version: SoapVersion, element: string, namespace: string, content: SoapOutRecord): string {
  const inner = toTree(content) as Record<string, unknown>;
  return envelope(version, { [element]: { '@_xmlns': namespace, ...inner } });
}

export function renderFault(version: SoapVersion, code: FaultCode, message: string): string {
  const name = `soap:${faultCodeName(code, version)}`;
  const fault =
    version === '1.1'
      ? { faultcode: name, faultstring: message }
      : {
          'soap:Code': { 'soap:Value': name },
          'soap:Reason': { 'soap:Text': { '@_xml:lang': 'en', '#text': message } },
        };
  return envelope(version, { 'soap:Fault': fault });
}
