import { getAccount } from '../../../app/accounts/get-account.js';
import { loadAtCredentials } from '../../../app/at/load-at-credentials.js';
import type { Call, Route } from '../context.js';
import { IxError } from '../ix-error.js';
import { accountView } from '../views/account.js';

async function view(c: Call) {
  const account = await getAccount(c.db, c.accountId);
  const at = await loadAtCredentials(c.db, c.deps.at().secrets, c.accountId);
  return accountView(account, at.ok);
}

/** The caller's account: an API key names exactly one, so the list has one entry and other ids are unknown. */
export function accountRoutes(route: Route): void {
  route('GET', '/users/accounts', {}, async (c) => ({ body: { accounts: [await view(c)] } }));
  const one = async (c: Call) => {
    if (c.id !== c.accountId) throw new IxError(404, ['Account not found']);
    return { body: { account: await view(c) } };
  };
  route('GET', '/users/accounts/:id', {}, one);
  route('GET', '/api/accounts/:id/get', {}, one);
}
