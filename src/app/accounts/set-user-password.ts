import { DomainError, notFound } from '../../domain/errors.js';
import type { Tx } from '../context.js';
import { hashPassword } from './credentials.js';

/** Sets (or, with null, removes) the password of a user found by e-mail; stored as an scrypt hash. */
export async function setUserPassword(
  tx: Tx,
  input: { email: string; password: string | null },
): Promise<{ userId: number; accountId: number }> {
  const email = String(input.email ?? '')
    .trim()
    .toLowerCase();
  if (
    input.password !== null &&
    (typeof input.password !== 'string' || input.password.length < 8 || input.password.length > 200)
  ) {
    throw new DomainError('validation', 'The password must have 8 to 200 characters.', [
      { field: 'password', issue: 'invalid', message: '8 to 200 characters.' },
    ]);
  }
  const user = await tx
    .selectFrom('users')
    .select(['id', 'account_id'])
    .where((eb) => eb.fn('lower', ['email']), '=', email)
    .executeTakeFirst();
  if (!user) throw notFound('user', email);
  await tx
    .updateTable('users')
    .set({ password_hash: input.password === null ? null : await hashPassword(input.password) })
    .where('id', '=', user.id)
    .execute();
  return { userId: user.id, accountId: user.account_id };
}
