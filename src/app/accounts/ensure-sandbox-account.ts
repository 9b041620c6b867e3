import { sql } from 'kysely';
import type { Tx } from '../context.js';
import { createAccount } from './create-account.js';
import { apiKeyPrefix, hashApiKey } from './credentials.js';

export interface SandboxBootstrap {
  created: boolean;
  /** The first account; null when there is none (production, before `faturador account create`). */
  accountId: number | null;
  /** Set when a key was created now (the only time it can be shown). */
  apiKey?: string;
}

/**
 * On an empty database, creates a sandbox account (unless `create` is false: in production the first account is
 * created explicitly). With a bootstrap key, makes sure that key opens the first account, so scripts and CI know a
 * working key in advance. Safe when several processes start at once.
 */
export async function ensureSandboxAccount(
  tx: Tx,
  now: Date,
  bootstrapKey?: string,
  opts: { create?: boolean } = {},
): Promise<SandboxBootstrap> {
  await sql`select pg_advisory_xact_lock(7263515)`.execute(tx);
  const first = await tx.selectFrom('accounts').select('id').orderBy('id').executeTakeFirst();
  if (!first && opts.create === false) return { created: false, accountId: null };
  if (!first) {
    const acc = await createAccount(tx, now, {
      legalName: 'Empresa de Demonstração, Lda',
      tradeName: 'Faturador Sandbox',
      taxId: '599999993',
      country: 'PT',
      street: 'Rua da Demonstração, 1',
      postalCode: '1000-001',
      city: 'Lisboa',
      sandbox: true,
      owner: { email: 'admin@sandbox.faturador.local', name: 'Sandbox admin' },
      apiKey: bootstrapKey,
    });
    return { created: true, accountId: acc.accountId, apiKey: acc.apiKey };
  }
  if (bootstrapKey) {
    const known = await tx
      .selectFrom('api_keys')
      .select('id')
      .where('key_hash', '=', hashApiKey(bootstrapKey))
      .executeTakeFirst();
    if (!known) {
      const user = await tx
        .selectFrom('users')
        .select('id')
        .where('account_id', '=', first.id)
        .orderBy('id')
        .executeTakeFirstOrThrow();
      await tx
        .insertInto('api_keys')
        .values({
          account_id: first.id,
          user_id: user.id,
          name: 'bootstrap',
          prefix: apiKeyPrefix(bootstrapKey),
          key_hash: hashApiKey(bootstrapKey),
        })
        .execute();
      return { created: false, accountId: first.id, apiKey: bootstrapKey };
    }
  }
  return { created: false, accountId: first.id };
}
