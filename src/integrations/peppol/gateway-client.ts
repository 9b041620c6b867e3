import { randomUUID } from 'node:crypto';
import type {
  AccessPoint,
  InvoiceResponse,
  OutboundDocument,
  TransmissionStatus,
  TransmitResult,
} from '../../app/peppol/ports.js';
import { INVOICE_RESPONSE } from '../../domain/einvoice/peppol-ids.js';
import { SbdhError, wrapInSbd, type WrapInput } from '../../exports/einvoice/sbdh.js';
import { excerpt, hostOf, httpCall, isRetryableStatus, jsonOf } from './http.js';

/**
 * Adapter (b): a gateway in front of an AS4 access point (an Oxalis or phase4 installation with an HTTP front) that
 * takes the Peppol SBD: `POST {url}` with the SBDH-wrapped UBL (`application/xml`, `Authorization: Bearer {token}`
 * when one is set) → 2xx `{transmissionId}` (or `{messageId}`; else the SBDH InstanceIdentifier, which Peppol
 * carries end to end). 404 or `{error:"not_registered"}`: the receiver is not in the SMP for this document type.
 * Status, where the front offers it: `GET {url}/{transmissionId}` → `{status, reason?, at?}`.
 * Reception is pushed by the gateway to Faturador (POST /v1/peppol/inbound), so there is no inbox here.
 */
export interface GatewayOptions {
  url: string;
  token?: string;
  timeoutMs: number;
  /** false: refuse private and loopback destinations (see http.ts). */
  allowPrivateNetworks?: boolean;
}

type Json = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : typeof v === 'number' ? String(v) : null);
const STATUSES = new Set(['sent', 'delivered', 'refused', 'failed']);

export function createGatewayClient(opts: GatewayOptions): AccessPoint {
  const url = opts.url.replace(/\/+$/, '');
  const where = hostOf(url);
  const auth: Record<string, string> = opts.token ? { Authorization: `Bearer ${opts.token}` } : {};

  async function transmit(input: WrapInput): Promise<TransmitResult> {
    let sbd: string;
    try {
      sbd = wrapInSbd(input);
    } catch (e) {
      if (e instanceof SbdhError) return { outcome: 'refused', reason: e.message, code: 'invalid_document' };
      throw e;
    }
    const a = await httpCall({
      method: 'POST',
      url,
      headers: { 'Content-Type': 'application/xml; charset=utf-8', Accept: 'application/json', ...auth },
      body: sbd,
      timeoutMs: opts.timeoutMs,
      allowPrivateNetworks: opts.allowPrivateNetworks,
    });
    if (!a.ok) return { outcome: 'retryable', reason: `${where}: ${a.reason}` };
    const j = jsonOf(a.text) as Json | null;
    if (a.status >= 200 && a.status < 300) {
      const id = str(j?.transmissionId) ?? str(j?.messageId) ?? str(j?.id) ?? input.instanceId;
      return { outcome: 'accepted', transmissionId: id, delivered: str(j?.status) === 'delivered' };
    }
    const reason = str(j?.reason) ?? str(j?.message) ?? str(j?.error) ?? (excerpt(a.text) || `answer ${a.status}`);
    if (isRetryableStatus(a.status))
      return { outcome: 'retryable', reason: `${where} answered ${a.status}: ${reason}`, httpStatus: a.status };
    if (a.status === 404 || str(j?.error) === 'not_registered') return { outcome: 'not_registered', reason };
    if (a.status === 401 || a.status === 403)
      return {
        outcome: 'refused',
        reason: `${where} refused the token (${a.status}): check the Peppol settings.`,
        code: 'access_point_auth',
      };
    return { outcome: 'refused', reason, code: str(j?.error) ?? `http_${a.status}` };
  }

  return {
    kind: 'gateway',

    send(doc: OutboundDocument): Promise<TransmitResult> {
      return transmit(doc);
    },

    async status(transmissionId: string): Promise<TransmissionStatus | null> {
      const a = await httpCall({
        method: 'GET',
        url: `${url}/${encodeURIComponent(transmissionId)}`,
        headers: { Accept: 'application/json', ...auth },
        timeoutMs: opts.timeoutMs,
        allowPrivateNetworks: opts.allowPrivateNetworks,
      });
      if (!a.ok) throw new Error(`The status of ${transmissionId} at ${where} could not be read: ${a.reason}`);
      if (a.status === 404 || a.status === 405) return null;
      const j = jsonOf(a.text) as Json | null;
      const status = str(j?.status)?.toLowerCase();
      if (a.status !== 200 || !status || !STATUSES.has(status))
        throw new Error(`The status of ${transmissionId} at ${where}: answer ${a.status}`);
      const reason = str(j?.reason);
      const at = str(j?.at);
      return {
        transmissionId,
        status: status as TransmissionStatus['status'],
        ...(reason ? { reason } : {}),
        ...(at && !Number.isNaN(Date.parse(at)) ? { at: new Date(at) } : {}),
      };
    },

    /** NOTE: a Peppol Invoice Response (BIS Invoice Response 3.0) is a business document of its own, sent like any other. */
    respond(response: InvoiceResponse): Promise<TransmitResult> {
      return transmit({
        xml: response.xml,
        sender: response.sender,
        receiver: response.receiver,
        documentType: INVOICE_RESPONSE,
        instanceId: randomUUID(),
        createdAt: new Date(),
      });
    },
  };
}
