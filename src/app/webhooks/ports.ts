import type { WebhookUrlPolicy } from '../../domain/webhooks/endpoint-url.js';
import type { WebhookFormat } from '../../infra/db/schema.js';
import type { Tx } from '../context.js';
import type { SecretSealer } from '../email/ports.js';
import type { WebhookEvent } from './emit-events.js';

export interface WebhookResponse {
  /** Null when no HTTP answer came (refused, timed out, reset). */
  statusCode: number | null;
  /** The start of the response body, for the delivery log. */
  excerpt: string | null;
  /** Why the delivery failed below HTTP (connection refused, timeout…), or null. */
  error: string | null;
  durationMs: number;
}

/** POSTs one delivery; never throws (every outcome is a WebhookResponse). */
export interface WebhookSender {
  post(url: string, headers: Record<string, string>, body: string): Promise<WebhookResponse>;
}

export interface WebhookDeps {
  sender: WebhookSender;
  secrets: SecretSealer;
  policy: WebhookUrlPolicy;
  /** Attempts of a delivery before it is marked failed. */
  maxAttempts: number;
  /** The vendor formats endpoints may deliver in (a dialect's); an endpoint whose format is missing gets nothing. */
  formats?: VendorWebhookFormats;
}

/** An endpoint that receives a vendor's format, with the vendor's own subscription. */
export interface VendorEndpoint {
  id: number;
  format: Exclude<WebhookFormat, 'native'>;
  vendorEntityType: string | null;
  vendorUpdateType: string | null;
}

/**
 * How a vendor's webhooks look: the body for one event and endpoint (built when the event is fanned out, then
 * stored and signed as is), and the headers of one attempt (the vendor's signature).
 */
export interface VendorWebhookFormat {
  /** The exact body to send, or null when the endpoint's subscription does not take this event. */
  body(tx: Tx, accountId: number, event: WebhookEvent, endpoint: VendorEndpoint): Promise<string | null>;
  headers(secret: string, timestamp: number, body: string): Record<string, string>;
}

export type VendorWebhookFormats = Partial<Record<Exclude<WebhookFormat, 'native'>, VendorWebhookFormat>>;
