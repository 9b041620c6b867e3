import { createBelgianAccount } from '../be/belgian-account.js';
import type { TestApp } from '../support/app.js';
import { billitClient } from './billit-client.js';

export type BillitClient = ReturnType<typeof billitClient>;

/** A Belgian account of the app (test/be/belgian-account.ts) and its Billit client; `tag` keeps its owner unique. */
export async function billitAccount(
  t: TestApp,
  tag: string,
): Promise<{ key: string; accountId: number; billit: BillitClient }> {
  const a = await createBelgianAccount(t, tag);
  return { key: a.apiKey, accountId: a.accountId, billit: billitClient(t, a.apiKey) };
}

/** The account a test acts as, and another account's client (`<tag>-other`) for the tenant-isolation checks. */
export async function billitAccounts(
  t: TestApp,
  tag: string,
): Promise<{ key: string; accountId: number; billit: BillitClient; other: BillitClient }> {
  const own = await billitAccount(t, tag);
  return { ...own, other: (await billitAccount(t, `${tag}-other`)).billit };
}
