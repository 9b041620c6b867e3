import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';

/** Limits count per credential (hashed, so no key sits in memory), or per address for anonymous calls. */
export function rateLimitKey(request: FastifyRequest): string {
  const q = request.query as Record<string, unknown> | undefined;
  const body = request.body as Record<string, unknown> | undefined;
  const credential = request.headers.authorization ?? request.headers.apikey ?? q?.api_key ?? q?.api_token ?? (body && typeof body === 'object' ? body.api_token : undefined);
  if (typeof credential === 'string' && credential) return `k:${createHash('sha256').update(credential).digest('base64url').slice(0, 22)}`;
  return `ip:${request.ip}`;
}
