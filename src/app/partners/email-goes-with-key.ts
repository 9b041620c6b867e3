import type { Tx } from '../context.js';

/**
 * Whether `email` may accompany a key of `key.accountId`'s user `key.userId`: the key user's own e-mail, or, for a
 * partner's key, the e-mail of a user of the account that created the partner (an integrator sends its own e-mail
 * with each partner's token, as MagniFinance's IPPN clients do). Any letter case.
 */
export async function emailGoesWithKey(
  tx: Tx,
  key: { accountId: number; userId: number },
  email: string | null | undefined,
): Promise<boolean> {
  const wanted = String(email ?? '')
    .trim()
    .toLowerCase();
  if (!wanted) return false;
  const row = await tx
    .selectFrom('users')
    .select('users.id')
    .where((eb) => eb.fn('lower', ['users.email']), '=', wanted)
    .where((eb) =>
      eb.or([
        eb.and([eb('users.id', '=', key.userId), eb('users.account_id', '=', key.accountId)]),
        eb(
          'users.account_id',
          '=',
          eb.selectFrom('accounts').select('parent_account_id').where('accounts.id', '=', key.accountId),
        ),
      ]),
    )
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
