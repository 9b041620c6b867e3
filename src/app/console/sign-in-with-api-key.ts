import { authenticateApiKey } from '../accounts/authenticate-api-key.js';
import type { Tx } from '../context.js';
import { startSession, type StartedSession } from './start-session.js';

/**
 * An API key → a console session bound to the key: the session can do what the key can, and ends when the key is
 * revoked. An unknown or revoked key is `unauthenticated`.
 */
export async function signInWithApiKey(tx: Tx, now: Date, input: { apiKey: string }): Promise<StartedSession> {
  const p = await authenticateApiKey(tx, String(input.apiKey ?? '').trim());
  return startSession(tx, now, { accountId: p.accountId, userId: p.userId, apiKeyId: p.apiKeyId });
}
