import { createAccount } from '../../src/app/accounts/create-account.js';
import type { TestApp } from '../support/app.js';

type AccountInput = Parameters<typeof createAccount>[2];

/** A Belgian seller (KBO 0412.345.614, Brussels) created as the CLI and admin API do; `tag` keeps its owner unique. */
export async function createBelgianAccount(
  t: TestApp,
  tag: string,
  overrides: Partial<AccountInput> = {},
): Promise<{ apiKey: string; accountId: number }> {
  return t.db.database.db.transaction().execute((tx) =>
    createAccount(tx, new Date(), {
      legalName: 'Brasserie Test SRL',
      taxId: '0412.345.614',
      country: 'be',
      street: 'Rue de la Loi 16',
      postalCode: '1000',
      city: 'Bruxelles',
      owner: { email: `${tag}-${Date.now()}@example.com` },
      ...overrides,
    }),
  );
}
