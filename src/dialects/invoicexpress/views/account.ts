import type { getAccount } from '../../../app/accounts/get-account.js';
import { englishName } from '../countries.js';

type Account = Awaited<ReturnType<typeof getAccount>>;

/**
 * The caller's account as InvoiceXpress clients read it (`/users/accounts.json`). There is no subdomain here (the key
 * names the account); a sandbox account, whose documents have no legal validity, reads as a trial.
 */
export function accountView(a: Account, atConfigured: boolean) {
  return {
    id: a.id,
    organization_name: a.legalName,
    name: a.tradeName ?? a.legalName,
    email: a.email ?? '',
    country: englishName(a.country) ?? a.country,
    fiscal_id: a.taxId,
    subdomain: null,
    state: 'active',
    at_configured: atConfigured,
    trial: a.sandbox,
  };
}
