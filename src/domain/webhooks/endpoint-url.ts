import type { FieldIssue } from '../errors.js';

export interface WebhookUrlPolicy {
  /** Accept http:// (tests, development); otherwise https only. */
  allowHttp: boolean;
  /** Accept loopback, private, link-local and unique-local destinations. */
  allowPrivateNetworks: boolean;
}

export const WEBHOOK_URL_MAX = 2048;

/** Dotted-quad IPv4 ranges that are not the public Internet (RFC 1918, 6598, 3927, loopback, this-network). */
function privateV4(parts: number[]): boolean {
  const [a, b] = parts;
  return (
    a === 0 ||
    a === 10 ||
    a === 127 ||
    (a === 100 && b >= 64 && b <= 127) ||
    (a === 169 && b === 254) ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    a >= 224
  );
}

/**
 * Whether an IP address (as a resolver returns it, or a URL literal without brackets) is loopback, private,
 * link-local, unique-local, multicast or unspecified: the destinations a tenant must not reach through
 * webhooks on a shared installation. Not an IP address: false.
 */
export function isNonPublicAddress(ip: string): boolean {
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip);
  if (v4) return privateV4(v4.slice(1).map(Number));
  const s = ip.toLowerCase();
  if (!s.includes(':')) return false;
  const mapped = /^(?:0*:)*:?ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(s) ?? /^::(\d{1,3}(?:\.\d{1,3}){3})$/.exec(s);
  if (mapped) return isNonPublicAddress(mapped[1]);
  if (s === '::' || s === '::1' || /^0*(:0*)*:0*1$/.test(s)) return true;
  const first = parseInt(s.split(':')[0] || '0', 16);
  return (first & 0xfe00) === 0xfc00 || (first & 0xffc0) === 0xfe80 || (first & 0xff00) === 0xff00;
}

/** A webhook endpoint URL, normalized, or the issues that refuse it. */
export function checkWebhookUrl(
  value: unknown,
  policy: WebhookUrlPolicy,
  field = 'url',
): { url: string } | { issues: FieldIssue[] } {
  const bad = (message: string, issue = 'invalid') => ({ issues: [{ field, issue, message }] });
  if (typeof value !== 'string' || !value.trim()) return bad('An https:// URL.', 'required');
  if (value.length > WEBHOOK_URL_MAX)
    return {
      issues: [
        { field, issue: 'too_long', message: `At most ${WEBHOOK_URL_MAX} characters.`, value: String(WEBHOOK_URL_MAX) },
      ],
    };
  let u: URL;
  try {
    u = new URL(value.trim());
  } catch {
    return bad('Not a URL.');
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return bad('Only http(s) URLs.');
  if (u.protocol === 'http:' && !policy.allowHttp)
    return bad('Webhook URLs must use https:// (WEBHOOK_ALLOW_HTTP=1 allows http).');
  if (u.username || u.password)
    return bad('Credentials in the URL would be logged; authenticate with the signature instead.');
  if (u.hash) return bad('A URL without #fragment.');
  const host = u.hostname.replace(/^\[|\]$/g, '');
  if (
    !policy.allowPrivateNetworks &&
    (host === 'localhost' || host.endsWith('.localhost') || isNonPublicAddress(host))
  ) {
    return bad('The URL points to a private or loopback address.');
  }
  return { url: u.toString() };
}
