import type { WebhookUrlPolicy } from '../../domain/webhooks/endpoint-url.js';
import type { SecretSealer } from '../email/ports.js';

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
}
