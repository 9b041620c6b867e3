import type { Tx } from '../context.js';
import { hashSessionToken, newSessionToken, SESSION_ABSOLUTE_MS } from './session-policy.js';

export interface StartedSession {
  sessionId: number;
  /** The cookie's value; only its hash is stored. */
  token: string;
}

/** Opens a console session for a user (and the API key it was signed in with, if any). */
export async function startSession(
  tx: Tx,
  now: Date,
  input: { accountId: number; userId: number; apiKeyId?: number | null },
): Promise<StartedSession> {
  const token = newSessionToken();
  const row = await tx
    .insertInto('console_sessions')
    .values({
      token_hash: hashSessionToken(token),
      account_id: input.accountId,
      user_id: input.userId,
      api_key_id: input.apiKeyId ?? null,
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      expires_at: new Date(now.getTime() + SESSION_ABSOLUTE_MS).toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { sessionId: Number(row.id), token };
}
