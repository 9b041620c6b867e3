import type {
  AccessPoint,
  InboundDocument,
  InvoiceResponse,
  OutboundDocument,
  ParticipantId,
  ParticipantInfo,
  PeppolDocumentType,
  RegistrationResult,
  TransmissionStatus,
  TransmitResult,
} from '../../app/peppol/ports.js';
import { BILLING_PROCESS_ID, formatParticipantId, parseParticipantId } from '../../domain/einvoice/peppol-ids.js';
import { isSbd, unwrapSbd } from '../../exports/einvoice/sbdh.js';
import { excerpt, hostOf, httpCall, isRetryableStatus, jsonOf, type HttpAnswer } from './http.js';
import { lookupUnavailable } from './lookup-error.js';

/**
 * Adapter (a): a Peppol service provider's HTTP API, in the shape of Billit's access-point API
 * (docs.accesspoint.billit.eu; peer-apis.md §1.3): the account's registration at the provider sends
 * (`POST {base}/v1/einvoices/registrations/{registrationId}/commands/send`, the validated UBL in `XML` as Billit's
 * sendXML takes it, `Idempotency-Key` = the SBDH instance id so a retry never sends twice), looks participants up
 * (`GET {base}/v1/peppol/participantInformation/{id}`), registers and unregisters the account's own ids as Billit's
 * `POST|DELETE {base}/v1/peppol/participants {CompanyID}` does, offers its inbox and takes Invoice Responses. The provider
 * wraps the document in the SBDH itself. Errors come as `{errors:[{Code, Description}]}`; Billit's
 * `TheCustomerIsNotActiveOnPeppol` is "not registered".
 */
export interface ServiceProviderOptions {
  baseUrl: string;
  apiKey: string;
  registrationId: string;
  timeoutMs: number;
  /** false: refuse private and loopback destinations (see http.ts). */
  allowPrivateNetworks?: boolean;
}

const NOT_ON_PEPPOL = new Set(['TheCustomerIsNotActiveOnPeppol', 'ReceiverNotRegistered', 'ParticipantNotFound']);

type Json = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : typeof v === 'number' ? String(v) : null);

/** `{errors:[{Code, Description}]}` (Billit), or `{Message}` / a plain text body. */
function errorsOf(text: string): { code?: string; reason: string } {
  const j = jsonOf(text) as Json | null;
  const list = Array.isArray(j?.errors) ? (j!.errors as Json[]) : Array.isArray(j?.Errors) ? (j!.Errors as Json[]) : [];
  if (list.length) {
    const first = list[0]!;
    return {
      code: str(first.Code) ?? undefined,
      reason: list.map((e) => [str(e.Code), str(e.Description)].filter(Boolean).join(': ')).join('; '),
    };
  }
  return { reason: str(j?.Message) ?? str(j?.message) ?? (excerpt(text) || 'no detail') };
}

function participantOf(raw: unknown): ParticipantId {
  const s = str(raw) ?? '';
  const p = parseParticipantId(s);
  if (p) return p;
  const i = s.indexOf(':');
  return i > 0 ? { scheme: s.slice(0, i), value: s.slice(i + 1) } : { scheme: '', value: s };
}

export function createServiceProviderClient(opts: ServiceProviderOptions): AccessPoint {
  const base = opts.baseUrl.replace(/\/+$/, '');
  const registration = `${base}/v1/einvoices/registrations/${encodeURIComponent(opts.registrationId)}`;
  const where = hostOf(base);
  const headers = (extra: Record<string, string> = {}) => ({
    ApiKey: opts.apiKey,
    Accept: 'application/json',
    ...extra,
  });
  const call = (method: 'GET' | 'POST' | 'DELETE', url: string, body?: unknown, extra?: Record<string, string>) =>
    httpCall({
      method,
      url,
      headers: headers(body === undefined ? extra : { 'Content-Type': 'application/json', ...extra }),
      body: body === undefined ? undefined : JSON.stringify(body),
      timeoutMs: opts.timeoutMs,
      allowPrivateNetworks: opts.allowPrivateNetworks,
    });

  /** What a send-like answer comes to; `idOf` reads the accepted id from the 2xx body. */
  function transmitResult(a: HttpAnswer, idOf: (j: Json | null) => string | null): TransmitResult {
    if (!a.ok) return { outcome: 'retryable', reason: `${where}: ${a.reason}` };
    if (a.status >= 200 && a.status < 300) {
      const j = jsonOf(a.text);
      // A bare number or string is the id itself (Billit's POST /v1/orders answers the OrderID alone).
      const id = typeof j === 'number' || typeof j === 'string' ? str(j) : idOf(j as Json | null);
      // Without an id the transmission cannot be followed; the idempotency key makes asking again safe.
      if (!id)
        return { outcome: 'retryable', reason: `${where} answered ${a.status} without an id`, httpStatus: a.status };
      return { outcome: 'accepted', transmissionId: id, delivered: false };
    }
    const e = errorsOf(a.text);
    if (isRetryableStatus(a.status))
      return { outcome: 'retryable', reason: `${where} answered ${a.status}: ${e.reason}`, httpStatus: a.status };
    if (e.code && NOT_ON_PEPPOL.has(e.code)) return { outcome: 'not_registered', reason: e.reason };
    if (a.status === 401 || a.status === 403)
      return {
        outcome: 'refused',
        reason: `${where} refused the API key (${a.status}): check the Peppol settings.`,
        code: 'access_point_auth',
      };
    return { outcome: 'refused', reason: e.reason, code: e.code ?? `http_${a.status}` };
  }

  /** What a (un)registration answer comes to: any 2xx is done (Billit answers 200 with no defined body). */
  function registrationResult(a: HttpAnswer): RegistrationResult {
    if (!a.ok) return { outcome: 'unavailable', reason: `${where}: ${a.reason}` };
    if (a.status >= 200 && a.status < 300) return { outcome: 'done' };
    const e = errorsOf(a.text);
    if (isRetryableStatus(a.status))
      return { outcome: 'unavailable', reason: `${where} answered ${a.status}: ${e.reason}` };
    if (a.status === 401 || a.status === 403)
      return {
        outcome: 'refused',
        reason: `${where} refused the API key (${a.status}): check the Peppol settings.`,
        code: 'access_point_auth',
      };
    return { outcome: 'refused', reason: e.reason, code: e.code ?? `http_${a.status}` };
  }

  const client: AccessPoint = {
    kind: 'service-provider',

    async send(doc: OutboundDocument): Promise<TransmitResult> {
      const a = await call(
        'POST',
        `${registration}/commands/send`,
        {
          TransportType: 'Peppol',
          SenderID: formatParticipantId(doc.sender),
          ReceiverID: formatParticipantId(doc.receiver),
          DocumentTypeID: doc.documentType.documentTypeId,
          ProcessID: doc.documentType.processId,
          XML: doc.xml,
        },
        { 'Idempotency-Key': doc.instanceId },
      );
      return transmitResult(a, (j) => str(j?.OrderID) ?? str(j?.TransmissionID) ?? str(j?.Id));
    },

    async lookup(participant: ParticipantId): Promise<ParticipantInfo> {
      const id = formatParticipantId(participant);
      const a = await call('GET', `${base}/v1/peppol/participantInformation/${encodeURIComponent(id)}`);
      if (!a.ok) throw lookupUnavailable(where, a.reason);
      // A party unknown to the network: Billit answers 200 Registered:false; some providers answer 404.
      if (a.status === 404) return { participant, registered: false, documentTypes: [] };
      const j = jsonOf(a.text) as Json | null;
      if (a.status !== 200 || !j || typeof j !== 'object')
        throw lookupUnavailable(where, `answer ${a.status}: ${errorsOf(a.text).reason}`);
      const documentTypes: PeppolDocumentType[] = [];
      for (const d of Array.isArray(j.ServiceDetails) ? (j.ServiceDetails as Json[]) : []) {
        const documentTypeId = str(d?.DocumentTypeID) ?? str(d?.DocumentIdentifier);
        if (documentTypeId)
          documentTypes.push({
            documentTypeId,
            processId: str(d.ProcessID) ?? str(d.ProcessIdentifier) ?? BILLING_PROCESS_ID,
          });
      }
      if (!documentTypes.length)
        for (const t of Array.isArray(j.DocumentTypes) ? (j.DocumentTypes as unknown[]) : []) {
          const documentTypeId = str(t);
          if (documentTypeId) documentTypes.push({ documentTypeId, processId: BILLING_PROCESS_ID });
        }
      const name = str(j.Name) ?? str(j.CompanyName);
      return { participant, registered: j.Registered === true, documentTypes, ...(name ? { name } : {}) };
    },

    async register(participant: ParticipantId, documentTypes: PeppolDocumentType[]): Promise<RegistrationResult> {
      const a = await call('POST', `${base}/v1/peppol/participants`, {
        CompanyID: formatParticipantId(participant),
        ServiceDetails: documentTypes.map((d) => ({ DocumentTypeID: d.documentTypeId, ProcessID: d.processId })),
      });
      return registrationResult(a);
    },

    async unregister(participant: ParticipantId): Promise<RegistrationResult> {
      const a = await call('DELETE', `${base}/v1/peppol/participants`, { CompanyID: formatParticipantId(participant) });
      return registrationResult(a);
    },

    async status(transmissionId: string): Promise<TransmissionStatus | null> {
      const a = await call('GET', `${registration}/orders/${encodeURIComponent(transmissionId)}`);
      if (!a.ok) throw new Error(`The status of ${transmissionId} at ${where} could not be read: ${a.reason}`);
      if (a.status === 404) return null;
      if (a.status !== 200) throw new Error(`The status of ${transmissionId} at ${where}: answer ${a.status}`);
      const d = ((jsonOf(a.text) as Json | null)?.CurrentDocumentDeliveryDetails ?? {}) as Json;
      const s = (str(d.DocumentDeliveryStatus) ?? '').toLowerCase();
      const status =
        d.IsDocumentDelivered === true || s === 'delivered' ? 'delivered' : s === 'error' ? 'refused' : 'sent';
      const at = str(d.DeliveryDate);
      const reason = str(d.DeliveryMessage);
      return {
        transmissionId,
        status,
        ...(reason && status !== 'delivered' ? { reason } : {}),
        ...(at && !Number.isNaN(Date.parse(at)) ? { at: new Date(at) } : {}),
      };
    },

    async fetchInbox(): Promise<InboundDocument[]> {
      const a = await call('GET', `${registration}/inbox`);
      if (!a.ok) throw new Error(`The inbox at ${where} could not be read: ${a.reason}`);
      if (a.status !== 200) throw new Error(`The inbox at ${where}: answer ${a.status}: ${errorsOf(a.text).reason}`);
      const items = ((jsonOf(a.text) as Json | null)?.InboxItems ?? []) as Json[];
      const out: InboundDocument[] = [];
      for (const item of Array.isArray(items) ? items : []) {
        const transmissionId = str(item.InboxItemID);
        const fileId = str(item.PeppolFileID);
        if (!transmissionId || !fileId) continue;
        const f = await httpCall({
          method: 'GET',
          url: `${registration}/files/${encodeURIComponent(fileId)}`,
          headers: { ApiKey: opts.apiKey, Accept: 'application/xml' },
          timeoutMs: opts.timeoutMs,
          allowPrivateNetworks: opts.allowPrivateNetworks,
        });
        if (!f.ok) throw new Error(`Inbox document ${transmissionId} at ${where} could not be read: ${f.reason}`);
        if (f.status !== 200) throw new Error(`Inbox document ${transmissionId} at ${where}: answer ${f.status}`);
        // A provider may hand over the envelope as received: the document is what is inside it.
        const xml = isSbd(f.text) ? unwrapSbd(f.text).xml : f.text;
        const documentTypeId = str(item.PeppolDocumentType);
        const received = str(item.CreationDate);
        out.push({
          transmissionId,
          sender: participantOf(item.SenderPeppolID),
          receiver: participantOf(item.ReceiverPeppolID),
          ...(documentTypeId
            ? { documentType: { documentTypeId, processId: str(item.PeppolProcess) ?? BILLING_PROCESS_ID } }
            : {}),
          xml,
          receivedAt: received && !Number.isNaN(Date.parse(received)) ? new Date(received) : new Date(),
        });
      }
      return out;
    },

    async acknowledge(transmissionId: string): Promise<void> {
      const a = await call('POST', `${registration}/inbox/${encodeURIComponent(transmissionId)}/confirm`, {});
      if (!a.ok) throw new Error(`Inbox document ${transmissionId} at ${where} was not confirmed: ${a.reason}`);
      if (a.status < 200 || a.status >= 300)
        throw new Error(`Inbox document ${transmissionId} at ${where} was not confirmed: answer ${a.status}`);
    },

    async respond(response: InvoiceResponse): Promise<TransmitResult> {
      const a = await call(
        'POST',
        `${registration}/inbox/${encodeURIComponent(response.transmissionId)}/commands/respond`,
        {
          ResponseCode: response.status,
          ...(response.reason ? { Reason: response.reason } : {}),
          XML: response.xml,
        },
      );
      return transmitResult(a, (j) => str(j?.ResponseID) ?? str(j?.Id));
    },
  };
  return client;
}
