import { XMLBuilder } from 'fast-xml-parser';
import {
  DOCUMENT_TYPE_SCHEME,
  PARTICIPANT_SCHEME,
  PROCESS_SCHEME,
  documentTypeParts,
  formatParticipantId,
  parseParticipantId,
  type PeppolDocType,
  type PeppolParticipant,
} from '../../domain/einvoice/peppol-ids.js';
import {
  attr,
  child,
  children,
  localName as local,
  rootOf as treeRoot,
  text,
  type XmlNode as Node,
} from '../../domain/einvoice/xml-tree.js';
import { readUntrustedXml, untrustedXmlParser } from './xml-read.js';

/**
 * The Peppol Envelope (OpenPeppol "Envelope Specification" 2.0): a GS1/UN-CEFACT Standard Business Document whose
 * header (SBDH) carries the routing facts and whose body is the business document itself.
 * NOTE: HeaderVersion 1.0; Sender/Receiver Identifier @Authority="iso6523-actorid-upis"; DocumentIdentification
 * {Standard = the root namespace, TypeVersion, InstanceIdentifier (UUID), Type = the root local name,
 * CreationDateAndTime}; BusinessScope with the DOCUMENTID (busdox-docid-qns), PROCESSID (cenbii-procid-ubl) and
 * COUNTRY_C1 (the sender's country, mandatory since Peppol's 2024 reporting) scopes.
 */
export const SBDH_NS = 'http://www.unece.org/cefact/namespaces/StandardBusinessDocumentHeader';

export class SbdhError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SbdhError';
  }
}

export interface WrapInput {
  /** The business document (UBL Invoice, CreditNote, ApplicationResponse), kept byte for byte. */
  xml: string;
  sender: PeppolParticipant;
  receiver: PeppolParticipant;
  documentType: PeppolDocType;
  instanceId: string;
  createdAt: Date;
  /** COUNTRY_C1; when absent, the seller's country in the UBL, else the country of the sender's id (0208, a VAT number). */
  country?: string;
}

export interface UnwrappedSbd {
  sender: PeppolParticipant;
  receiver: PeppolParticipant;
  documentTypeId: string;
  processId: string;
  instanceId: string;
  createdAt: Date | null;
  country: string | null;
  /** The business document, as it was inside the envelope. */
  xml: string;
}

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@', format: false });
const parser = untrustedXmlParser();

function parse(xml: string): Node {
  // UBL, CII and the SBD never carry a DOCTYPE: refusing it means no entity is ever expanded (XXE).
  const read = readUntrustedXml(xml, parser);
  if (!read.ok && read.issue === 'doctype')
    throw new SbdhError('A document type declaration (<!DOCTYPE …>) is not accepted.');
  if (!read.ok) throw new SbdhError(`Not well-formed XML: ${read.message} (line ${read.line}).`);
  return read.doc;
}

function rootOf(doc: Node): { key: string; node: Node; ns: string | null } {
  const root = treeRoot(doc);
  if (!root) throw new SbdhError('The XML has no root element.');
  return root;
}

const XML_DECL = /^\uFEFF?\s*<\?xml[^>]*\?>\s*/;

/** The seller's country in a UBL Invoice/CreditNote, for COUNTRY_C1. */
function sellerCountry(root: Node): string | null {
  const party = child(child(root, 'AccountingSupplierParty'), 'Party');
  return text(child(child(child(party, 'PostalAddress'), 'Country'), 'IdentificationCode'));
}

/** The sender's country from its id when the document has no address (an Invoice Response): 0208, or a VAT number. */
function participantCountry(p: PeppolParticipant): string | null {
  if (p.scheme === '0208') return 'BE';
  const m = /^([A-Z]{2})[0-9A-Z]/.exec(p.value.toUpperCase());
  return m ? (m[1] === 'EL' ? 'GR' : m[1]!) : null;
}

/** Wraps a business document in the Peppol SBD. The header is built by the XML builder; the document is kept verbatim. */
export function wrapInSbd(input: WrapInput): string {
  const parts = documentTypeParts(input.documentType.documentTypeId);
  if (!parts) throw new SbdhError(`"${input.documentType.documentTypeId}" is not a busdox-docid-qns document type id.`);
  const docRoot = rootOf(parse(input.xml));
  if (local(docRoot.key) !== parts.localName || docRoot.ns !== parts.rootNamespace)
    throw new SbdhError(`The document is a ${local(docRoot.key)}, not the ${parts.localName} its document type names.`);
  const country = input.country ?? sellerCountry(docRoot.node) ?? participantCountry(input.sender);
  if (!country || !/^[A-Z]{2}$/.test(country))
    throw new SbdhError('COUNTRY_C1 is unknown: the sender country could not be read from the document.');
  const identifier = (p: PeppolParticipant) => ({ '@Authority': PARTICIPANT_SCHEME, '#text': formatParticipantId(p) });
  const envelope = builder.build({
    StandardBusinessDocument: {
      '@xmlns': SBDH_NS,
      StandardBusinessDocumentHeader: {
        HeaderVersion: '1.0',
        Sender: { Identifier: identifier(input.sender) },
        Receiver: { Identifier: identifier(input.receiver) },
        DocumentIdentification: {
          Standard: parts.rootNamespace,
          TypeVersion: parts.version,
          InstanceIdentifier: input.instanceId,
          Type: parts.localName,
          CreationDateAndTime: input.createdAt.toISOString(),
        },
        BusinessScope: {
          Scope: [
            {
              Type: 'DOCUMENTID',
              InstanceIdentifier: input.documentType.documentTypeId,
              Identifier: DOCUMENT_TYPE_SCHEME,
            },
            { Type: 'PROCESSID', InstanceIdentifier: input.documentType.processId, Identifier: PROCESS_SCHEME },
            { Type: 'COUNTRY_C1', InstanceIdentifier: country },
          ],
        },
      },
    },
  }) as string;
  // The document goes in as it was validated (no re-serialisation): it sits right before the root's end tag.
  const end = envelope.lastIndexOf('</StandardBusinessDocument>');
  const body = input.xml.replace(XML_DECL, '');
  return `<?xml version="1.0" encoding="UTF-8"?>${envelope.slice(0, end)}${body}${envelope.slice(end)}`;
}

/** Whether the XML's root element is a Standard Business Document. */
export function isSbd(xml: string): boolean {
  const m = /^\uFEFF?\s*(?:(?:<\?[\s\S]*?\?>|<!--[\s\S]*?-->)\s*)*<([\w.-]+:)?StandardBusinessDocument[\s>]/.exec(xml);
  return !!m;
}

/** The document's raw text between the end of the header and the root's end tag. */
function payloadText(sbd: string): string {
  const head = /<\/(?:[\w.-]+:)?StandardBusinessDocumentHeader\s*>/.exec(sbd);
  const tail = [...sbd.matchAll(/<\/(?:[\w.-]+:)?StandardBusinessDocument\s*>/g)].pop();
  if (!head || !tail || tail.index! < head.index!) throw new SbdhError('No business document after the header.');
  return sbd.slice(head.index! + head[0].length, tail.index!).trim();
}

/**
 * Namespace declarations the document relies on but only the envelope's root declares are copied onto the
 * document's root start tag, so that the document stands on its own.
 */
function carryNamespaces(payload: string, envelopeRoot: Node): string {
  const start = /^<([\w.:-]+)([^>]*?)(\/?)>/.exec(payload);
  if (!start) return payload;
  const missing: string[] = [];
  for (const [k, v] of Object.entries(envelopeRoot)) {
    if (!k.startsWith('@xmlns') || typeof v !== 'string' || v === SBDH_NS) continue;
    const decl = k.slice(1);
    if (!new RegExp(`\\s${decl.replace(/[.:-]/g, '\\$&')}\\s*=`).test(start[2]!))
      missing.push(` ${decl}="${v.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"`);
  }
  if (!missing.length) return payload;
  return `<${start[1]}${start[2]}${missing.join('')}${start[3]}>${payload.slice(start[0].length)}`;
}

/**
 * Reads an SBD: the routing facts of its header and the business document inside it. Throws SbdhError when the
 * envelope is not a Peppol SBD (missing or malformed header fields). A BinaryContent payload (Envelope 2.0, for
 * non-XML documents) is decoded from base64.
 */
export function unwrapSbd(sbd: string): UnwrappedSbd {
  const root = rootOf(parse(sbd));
  if (local(root.key) !== 'StandardBusinessDocument')
    throw new SbdhError('The root element is not StandardBusinessDocument.');
  if (root.ns !== SBDH_NS) throw new SbdhError(`StandardBusinessDocument is not in the ${SBDH_NS} namespace.`);
  const h = child(root.node, 'StandardBusinessDocumentHeader');
  if (!h) throw new SbdhError('The SBD has no StandardBusinessDocumentHeader.');
  if (text(child(h, 'HeaderVersion')) !== '1.0') throw new SbdhError('The SBDH HeaderVersion must be 1.0.');
  const participant = (role: 'Sender' | 'Receiver') => {
    const id = child(child(h, role), 'Identifier');
    const authority = attr(id, 'Authority');
    if (authority && authority !== PARTICIPANT_SCHEME)
      throw new SbdhError(`The SBDH ${role} Identifier has Authority "${authority}", not ${PARTICIPANT_SCHEME}.`);
    const p = parseParticipantId(text(id) ?? '');
    if (!p) throw new SbdhError(`The SBDH ${role} Identifier "${text(id) ?? ''}" is not a participant id.`);
    return p;
  };
  const sender = participant('Sender');
  const receiver = participant('Receiver');
  const di = child(h, 'DocumentIdentification');
  const instanceId = text(child(di, 'InstanceIdentifier'));
  if (!instanceId) throw new SbdhError('The SBDH has no DocumentIdentification/InstanceIdentifier.');
  const created = text(child(di, 'CreationDateAndTime'));
  const createdAt = created && !Number.isNaN(Date.parse(created)) ? new Date(created) : null;
  const scopes = children(child(h, 'BusinessScope'), 'Scope');
  const scope = (type: string) => {
    const s = scopes.find((x) => text(child(x, 'Type')) === type);
    return s ? text(child(s, 'InstanceIdentifier')) : null;
  };
  const documentTypeId = scope('DOCUMENTID');
  const processId = scope('PROCESSID');
  if (!documentTypeId || !processId)
    throw new SbdhError('The SBDH BusinessScope needs DOCUMENTID and PROCESSID scopes.');
  const binary = child(root.node, 'BinaryContent');
  const xml =
    binary !== undefined
      ? Buffer.from(text(binary) ?? '', 'base64').toString('utf8')
      : carryNamespaces(payloadText(sbd), root.node);
  if (!xml.trim()) throw new SbdhError('The SBD carries no business document.');
  return { sender, receiver, documentTypeId, processId, instanceId, createdAt, country: scope('COUNTRY_C1'), xml };
}
