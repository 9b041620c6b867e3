import type { ApiKeyScope } from '../../domain/api-key-scope.js';

/** AT credentials and the SMTP server: admin keys only, as on the native API (templates: admin to change). */
const ADMIN_ROUTES = [/^\/at\/(configurar|teste-dados-at)$/, /^\/smtp(\/|$)/];
const ADMIN_WRITES = [/^\/email-template(\/|$)/];
/** bill.pt reads that its clients send as POST. */
const READ_POSTS = new Set(['/at/estado-configuracao', '/at/registo-comunicacoes', '/valid-token']);

/** The scope a bill.pt route needs (`url` as registered, `…/api/1.0/smtp`): read for reads, issue for writes. */
export function billptScopeFor(method: string, url: string): ApiKeyScope {
  const path = url.replace(/^.*\/api\/1\.0(?=\/)/, '');
  if (ADMIN_ROUTES.some((r) => r.test(path))) return 'admin';
  const reads = method === 'GET' || method === 'HEAD' || (method === 'POST' && READ_POSTS.has(path));
  if (!reads && ADMIN_WRITES.some((r) => r.test(path))) return 'admin';
  return reads ? 'read' : 'issue';
}
