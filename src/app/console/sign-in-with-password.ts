import { DomainError } from '../../domain/errors.js';
import type { Tx } from '../context.js';
import { hashPassword, verifyPassword } from '../accounts/credentials.js';
import { startSession, type StartedSession } from './start-session.js';

/** A hash of a random password, checked when the e-mail is unknown so that both paths take the same time. */
let decoy: Promise<string> | undefined;

/**
 * E-mail and password → a console session. Wrong e-mail, wrong password and a user without a password are the same
 * `unauthenticated` error, after the same scrypt work (as `loginWithPassword`).
 */
export async function signInWithPassword(
  tx: Tx,
  now: Date,
  input: { email: string; password: string },
): Promise<StartedSession> {
  const email = String(input.email ?? '')
    .trim()
    .toLowerCase();
  // An e-mail no user can have (too long, a NUL byte the database refuses) is looked up by no query.
  const user =
    email && email.length <= 320 && !email.includes('\u0000')
      ? await tx
          .selectFrom('users')
          .select(['id', 'account_id', 'password_hash'])
          .where((eb) => eb.fn('lower', ['email']), '=', email)
          .executeTakeFirst()
      : undefined;
  decoy ??= hashPassword(Math.random().toString(36));
  const password = String(input.password ?? '').slice(0, 200);
  const ok = await verifyPassword(password, user?.password_hash ?? (await decoy));
  if (!user || !user.password_hash || !ok) throw new DomainError('unauthenticated', 'Incorrect e-mail or password.');
  return startSession(tx, now, { accountId: user.account_id, userId: user.id });
}
