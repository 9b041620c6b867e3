import type { ParticipantId, ParticipantInfo, PeppolDocumentType, SmpClient } from '../../app/peppol/ports.js';
import { DOCUMENT_TYPE_SCHEME, participantUri } from '../../domain/einvoice/peppol-ids.js';
import { readUntrustedXml, untrustedXmlParser } from '../../exports/einvoice/xml-read.js';
import { hostOf, httpCall } from './http.js';
import { lookupUnavailable } from './lookup-error.js';

/**
 * A Peppol SMP over its REST binding (Peppol SMP specification 1.x, busdox namespaces):
 * `GET {smp}/{urlencode(iso6523-actorid-upis::0208:…)}` → ServiceGroup, one ServiceMetadataReference per document
 * type; each `href` → SignedServiceMetadata whose ProcessList names the processes. 404 on the ServiceGroup: the
 * participant is not registered there. The SMP is the one named in the settings (no SML DNS resolution here).
 * The XML signature of SignedServiceMetadata is not verified: the answer only decides whether to try a send, and the
 * access point does its own lookup, with verification, before transmitting.
 */
export interface SmpOptions {
  url: string;
  timeoutMs: number;
  /** false: refuse private and loopback destinations, the SMP's Redirect included (see http.ts). */
  allowPrivateNetworks?: boolean;
  /** At most this many SignedServiceMetadata are read per participant (a participant can list hundreds). */
  maxDocumentTypes?: number;
}

type Node = Record<string, unknown>;

const parser = untrustedXmlParser({
  removeNSPrefix: true,
  isArray: (name) => ['ServiceMetadataReference', 'Process'].includes(name),
});

function parse(xml: string): Node | null {
  const read = readUntrustedXml(xml, parser);
  return read.ok ? read.doc : null;
}
const get = (n: unknown, k: string): unknown => (n && typeof n === 'object' ? (n as Node)[k] : undefined);
const text = (n: unknown): string | null =>
  typeof n === 'string' ? n || null : typeof get(n, '#text') === 'string' ? (get(n, '#text') as string) : null;

/** The document type id at the end of a ServiceMetadataReference href (`…/services/busdox-docid-qns::…`). */
function documentTypeOfHref(href: string): string | null {
  const i = href.lastIndexOf('/services/');
  if (i < 0) return null;
  let seg: string;
  try {
    seg = decodeURIComponent(href.slice(i + '/services/'.length));
  } catch {
    return null;
  }
  const prefix = `${DOCUMENT_TYPE_SCHEME}::`;
  return seg.toLowerCase().startsWith(prefix) ? seg.slice(prefix.length) : null;
}

export function createSmpClient(opts: SmpOptions): SmpClient {
  const base = opts.url.replace(/\/+$/, '');
  const where = hostOf(base);
  const max = opts.maxDocumentTypes ?? 25;
  const fetchXml = (url: string) =>
    httpCall({
      method: 'GET',
      url,
      headers: { Accept: 'application/xml' },
      timeoutMs: opts.timeoutMs,
      allowPrivateNetworks: opts.allowPrivateNetworks,
    });

  return {
    async lookup(participant: ParticipantId): Promise<ParticipantInfo> {
      const a = await fetchXml(`${base}/${encodeURIComponent(participantUri(participant))}`);
      if (!a.ok) throw lookupUnavailable(where, a.reason);
      if (a.status === 404) return { participant, registered: false, documentTypes: [] };
      const doc = a.status === 200 ? parse(a.text) : null;
      const group = get(doc, 'ServiceGroup');
      if (!group) throw lookupUnavailable(where, `answer ${a.status} is not a ServiceGroup`);
      const refs = (get(get(group, 'ServiceMetadataReferenceCollection'), 'ServiceMetadataReference') ?? []) as Node[];
      const hrefs = refs
        .map((r) => get(r, '@href'))
        .filter((h): h is string => typeof h === 'string')
        .slice(0, max);
      const lists = await Promise.all(hrefs.map((h) => readMetadata(h)));
      const documentTypes: PeppolDocumentType[] = lists.flat();
      return { participant, registered: true, documentTypes };

      /**
       * One SignedServiceMetadata: its document type with each process ([] when the SMP no longer has it). An SMP
       * may point elsewhere with a Redirect (SMP 1.x §3.2), followed once. A fault is thrown, not taken for "does
       * not take this type": that would send the document by e-mail instead.
       */
      async function readMetadata(href: string, redirected = false): Promise<PeppolDocumentType[]> {
        const m = await fetchXml(href);
        if (!m.ok) throw lookupUnavailable(where, m.reason);
        if (m.status === 404) return [];
        const meta = m.status === 200 ? get(get(parse(m.text), 'SignedServiceMetadata'), 'ServiceMetadata') : null;
        if (!meta) throw lookupUnavailable(where, `service metadata answer ${m.status}`);
        const redirect = get(get(meta, 'Redirect'), '@href');
        if (typeof redirect === 'string') {
          if (redirected) throw lookupUnavailable(where, 'a second SMP redirect');
          return readMetadata(redirect, true);
        }
        const info = get(meta, 'ServiceInformation');
        const documentTypeId = text(get(info, 'DocumentIdentifier')) ?? documentTypeOfHref(href);
        if (!documentTypeId) return [];
        const processes = ((get(get(info, 'ProcessList'), 'Process') ?? []) as Node[])
          .map((p) => text(get(p, 'ProcessIdentifier')))
          .filter((p): p is string => !!p);
        return processes.map((processId) => ({ documentTypeId, processId }));
      }
    },
  };
}
