import type { ApiKeyScope } from '../../domain/api-key-scope.js';

/**
 * Webhooks hold signing secrets, and the company's Peppol registration decides whether it receives e-invoices at all
 * (the native POST|DELETE /v1/account/peppol/registration are account settings): admin keys only, as natively.
 */
const ADMIN_ROUTES = [/\/webhooks?(\/|$)/i, /\/peppol\/participants$/i];
/** Billit reads that clients send as POST (none change anything). */
const READ_POSTS: RegExp[] = [];

/** The scope a Billit route needs (`url` as registered): admin for webhooks, read for reads, issue for writes. */
export function billitScopeFor(method: string, url: string): ApiKeyScope {
  const path = url.replace(/^.*?\/v1(?:\/v1)?(?=\/)/, '');
  if (ADMIN_ROUTES.some((r) => r.test(path))) return 'admin';
  const reads = method === 'GET' || method === 'HEAD' || (method === 'POST' && READ_POSTS.some((r) => r.test(path)));
  return reads ? 'read' : 'issue';
}
