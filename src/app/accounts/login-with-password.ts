import { scopeOfRole } from '../../domain/api-key-scope.js';
import { DomainError } from '../../domain/errors.js';
import type { Tx } from '../context.js';
import type { SecretBox } from '../at/ports.js';
import { hashPassword, verifyPassword } from './credentials.js';
import { loginToken } from './login-token.js';

/** A hash of a random password, checked when the e-mail is unknown so that both paths take the same time. */
let decoy: Promise<string> | undefined;

export interface LoggedInUser {
  id: number;
  accountId: number;
  name: string;
  email: string;
  /** The user's login token (see `loginToken`). */
  apiKey: string;
}

/**
 * E-mail and password → the user's login token (the bill.pt `auth/login` flow): the same key at every login while
 * `secrets` can seal it, else a new key each time. Wrong e-mail and wrong password are the same `unauthenticated`
 * error; a user without a password cannot log in.
 */
export async function loginWithPassword(
  tx: Tx,
  input: { email: string; password: string; keyName?: string },
  secrets?: SecretBox,
): Promise<LoggedInUser> {
  const email = String(input.email ?? '')
    .trim()
    .toLowerCase();
  const user = email
    ? await tx
        .selectFrom('users')
        .select(['id', 'account_id', 'name', 'email', 'password_hash', 'role'])
        .where((eb) => eb.fn('lower', ['email']), '=', email)
        .executeTakeFirst()
    : undefined;
  decoy ??= hashPassword(Math.random().toString(36));
  const ok = await verifyPassword(String(input.password ?? ''), user?.password_hash ?? (await decoy));
  if (!user || !user.password_hash || !ok) throw new DomainError('unauthenticated', 'Incorrect e-mail or password.');
  // The key can do what the user's role allows (an owner's login is an admin key).
  const apiKey = await loginToken(
    tx,
    { id: user.id, accountId: user.account_id, scope: scopeOfRole(user.role) },
    secrets,
    input.keyName ?? 'login',
  );
  return { id: user.id, accountId: user.account_id, name: user.name, email: user.email, apiKey };
}
