import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { isNonPublicAddress } from '../../domain/webhooks/endpoint-url.js';

/**
 * One HTTP exchange with an access point or an SMP, bounded by a timeout (AbortSignal.timeout). A transport fault
 * (refused connection, reset, timeout, DNS) is an answer, not an exception: the adapters turn it into `retryable`.
 * Nothing here logs: request headers carry API keys and tokens.
 */
export type HttpAnswer =
  { ok: true; status: number; text: string; contentType: string } | { ok: false; reason: string };

export interface HttpCall {
  method: 'GET' | 'POST' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  body?: string;
  timeoutMs: number;
  /**
   * false: refuse loopback, private and link-local destinations (an account's access-point or SMP URL, or an SMP's
   * Redirect, must not reach the installation's own network); the webhook URL policy decides (runtime.ts).
   */
  allowPrivateNetworks?: boolean;
}

/** The non-public address a URL's host is or resolves to, or null (checked before connecting). */
async function nonPublicDestination(url: string): Promise<string | null> {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return host;
  const addresses = isIP(host) ? [{ address: host }] : await lookup(host, { all: true });
  return addresses.find((a) => isNonPublicAddress(a.address))?.address ?? null;
}

/** Only this much of an answer is kept as text (an inbox document with its PDF fits; a runaway page does not). */
export const MAX_ANSWER_BYTES = 20 * 1024 * 1024;

/** The first `max` bytes of an answer's body; the rest is never read (a runaway or endless body is cut off). */
async function readCapped(res: Response, max: number): Promise<Buffer> {
  if (!res.body) return Buffer.alloc(0);
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (size < max) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.length;
  }
  if (size >= max) await reader.cancel().catch(() => undefined);
  return Buffer.concat(chunks).subarray(0, max);
}

export async function httpCall(call: HttpCall): Promise<HttpAnswer> {
  try {
    if (call.allowPrivateNetworks === false) {
      const bad = await nonPublicDestination(call.url);
      if (bad)
        return { ok: false, reason: `${hostOf(call.url)} is or resolves to ${bad}, a private or loopback address` };
    }
    const res = await fetch(call.url, {
      method: call.method,
      headers: call.headers,
      body: call.body,
      redirect: 'error',
      signal: AbortSignal.timeout(call.timeoutMs),
    });
    const text = (await readCapped(res, MAX_ANSWER_BYTES)).toString('utf8');
    return { ok: true, status: res.status, text, contentType: res.headers.get('content-type') ?? '' };
  } catch (e) {
    const err = e as { name?: string; message?: string; cause?: { code?: string; message?: string } };
    if (err.name === 'TimeoutError' || err.name === 'AbortError')
      return { ok: false, reason: `no answer within ${call.timeoutMs} ms` };
    return { ok: false, reason: err.cause?.code ?? err.cause?.message ?? err.message ?? 'transport fault' };
  }
}

export function jsonOf(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/** 408, 425, 429 and 5xx: the access point may take it later. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 425 || status === 429 || status >= 500;
}

/** The host of a URL, for messages (never the path or query, which may carry a token). */
export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'the access point';
  }
}

/** A short excerpt of an answer body for a reason text. */
export function excerpt(text: string, max = 300): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max)}…` : t;
}
