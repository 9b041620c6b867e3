import { createHmac, timingSafeEqual } from 'node:crypto';
import type { ReceivedRequest } from '../support/webhook-receiver.js';

/**
 * The receiver's side, exactly as the README's recipe tells integrators (written here with node:crypto only,
 * not with Faturador's own code): parse `t` and every `v1` of Faturador-Signature, HMAC-SHA256 the string
 * "<t>.<raw body>" with the endpoint secret, compare in constant time, refuse a timestamp more than
 * 5 minutes away, and process each event id once.
 */
export function verifyDelivery(
  req: ReceivedRequest,
  secret: string,
  nowSeconds = Math.floor(Date.now() / 1000),
  toleranceSeconds = 300,
): { ok: boolean; reason?: string; t?: number } {
  const header = String(req.headers['faturador-signature'] ?? '');
  const parts = header.split(',').map((p) => p.split('=') as [string, string]);
  const t = Number(parts.find(([k]) => k === 't')?.[1]);
  const signatures = parts.filter(([k]) => k === 'v1').map(([, v]) => v);
  if (!Number.isInteger(t) || signatures.length === 0) return { ok: false, reason: 'malformed' };
  const expected = createHmac('sha256', secret).update(`${t}.${req.body}`).digest();
  const match = signatures.some((s) => {
    const got = Buffer.from(s, 'hex');
    return got.length === expected.length && timingSafeEqual(got, expected);
  });
  if (!match) return { ok: false, reason: 'signature' };
  if (Math.abs(nowSeconds - t) > toleranceSeconds) return { ok: false, reason: 'stale', t };
  return { ok: true, t };
}

/** What a receiver keeps to refuse replays: the event ids it already processed. */
export class ProcessedEvents {
  private readonly seen = new Set<string>();
  /** True the first time an event id is seen (process it), false afterwards (acknowledge, do nothing). */
  firstTime(req: ReceivedRequest): boolean {
    const id = (JSON.parse(req.body) as { id: string }).id;
    if (this.seen.has(id)) return false;
    this.seen.add(id);
    return true;
  }
}
