import { isApiKeyScope, scopeOfRole, type ApiKeyScope } from '../../domain/api-key-scope.js';
import type { Tx } from '../context.js';
import { hashSessionToken, isWellFormedSessionToken, SESSION_IDLE_MS, SESSION_TOUCH_MS } from './session-policy.js';

export interface ResumedSession {
  sessionId: number;
  accountId: number;
  userId: number;
  /** The key the session was signed in with, or null for a password session. */
  apiKeyId: number | null;
  /** The user's name (or e-mail), or the key's name for a key session. */
  name: string;
  scope: ApiKeyScope;
  sandbox: boolean;
  configVersion: string;
}

/**
 * The live session of a cookie's token, or undefined: unknown, revoked, idle too long, past its absolute expiry, or
 * signed in with a key revoked since. Its last_seen_at is moved at most once a minute.
 */
export async function resumeSession(tx: Tx, now: Date, token: unknown): Promise<ResumedSession | undefined> {
  if (!isWellFormedSessionToken(token)) return undefined;
  const row = await tx
    .selectFrom('console_sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .innerJoin('accounts as a', 'a.id', 's.account_id')
    .leftJoin('api_keys as k', 'k.id', 's.api_key_id')
    .select([
      's.id',
      's.account_id',
      's.user_id',
      's.api_key_id',
      's.last_seen_at',
      'u.name as user_name',
      'u.email',
      'u.role',
      'k.name as key_name',
      'k.scope as key_scope',
      'k.revoked_at as key_revoked_at',
      'a.sandbox',
      'a.config_version',
    ])
    .where('s.token_hash', '=', hashSessionToken(token))
    .where('s.revoked_at', 'is', null)
    .where('s.expires_at', '>', now.toISOString())
    .where('s.last_seen_at', '>', new Date(now.getTime() - SESSION_IDLE_MS).toISOString())
    .executeTakeFirst();
  if (!row) return undefined;
  if (row.api_key_id !== null && (row.key_revoked_at !== null || !isApiKeyScope(row.key_scope))) return undefined;
  if (now.getTime() - new Date(row.last_seen_at).getTime() > SESSION_TOUCH_MS) {
    await tx
      .updateTable('console_sessions')
      .set({ last_seen_at: now.toISOString() })
      .where('id', '=', row.id)
      .execute();
  }
  const isKey = row.api_key_id !== null;
  return {
    sessionId: Number(row.id),
    accountId: Number(row.account_id),
    userId: Number(row.user_id),
    apiKeyId: isKey ? Number(row.api_key_id) : null,
    name: isKey ? (row.key_name ?? '') : row.user_name || row.email,
    scope: isKey ? (row.key_scope as ApiKeyScope) : scopeOfRole(row.role),
    sandbox: row.sandbox,
    configVersion: row.config_version,
  };
}
