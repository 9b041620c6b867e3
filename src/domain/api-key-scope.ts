/**
 * What an API key may do. Each scope includes the ones below it: `admin` (keys, webhooks, AT credentials, SMTP,
 * the account's settings) ⊇ `issue` (documents, contacts, items and every other write) ⊇ `read` (reads only).
 */
export const API_KEY_SCOPES = ['admin', 'issue', 'read'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

const RANK: Record<ApiKeyScope, number> = { read: 0, issue: 1, admin: 2 };

export function isApiKeyScope(v: unknown): v is ApiKeyScope {
  return typeof v === 'string' && (API_KEY_SCOPES as readonly string[]).includes(v);
}

/** Whether a key of scope `have` may make a request that needs `need`. */
export function scopeAllows(have: ApiKeyScope, need: ApiKeyScope): boolean {
  return RANK[have] >= RANK[need];
}

/** The scope of a key created at a password login, from the user's role. */
export function scopeOfRole(role: string): ApiKeyScope {
  if (role === 'owner' || role === 'admin') return 'admin';
  return role === 'readonly' ? 'read' : 'issue';
}
