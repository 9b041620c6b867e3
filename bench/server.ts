import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { loadConfig } from '../src/config.js';
import { createApp, type RunningApp } from '../src/server/create-app.js';
import { createAccount } from '../src/app/accounts/create-account.js';

export type BenchDb = 'postgres' | 'pglite';

export const PG_ADMIN = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A new, empty database for one bench: a PostgreSQL database of its own, or a PGlite DATA_DIR on disk. */
export interface FreshDatabase {
  env: Record<string, string>;
  drop(): Promise<void>;
}

export async function freshDatabase(kind: BenchDb, tag: string): Promise<FreshDatabase | undefined> {
  if (kind === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), `faturador-bench-${tag}-`));
    return {
      env: { DATA_DIR: dir, DATABASE_URL: '' },
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const admin = new pg.Client({ connectionString: PG_ADMIN });
  try {
    await admin.connect();
  } catch (err) {
    console.log(`PostgreSQL not reachable at ${PG_ADMIN} (${(err as Error).message}); skipped.`);
    return undefined;
  }
  const name = `faturador_bench_${tag}_${process.pid}`;
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(PG_ADMIN);
  url.pathname = `/${name}`;
  return {
    env: { DATABASE_URL: url.toString() },
    async drop() {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

export interface BenchServer {
  running: RunningApp;
  url: string;
  /** An API key of a fresh sandbox account (a production one needs its series registered with AT first). */
  key: string;
  accountId: number;
  close(): Promise<void>;
}

/**
 * The server as `npm start` builds it (loadConfig + createApp: migrations, reference data, the outbox worker
 * running unless WORKER=0), listening on a free loopback port. Only what would get in a bench's way is changed:
 * no logs, and the per-key rate limits (native and InvoiceXpress) out of reach of one bench key.
 */
export async function startServer(db: FreshDatabase, env: Record<string, string> = {}): Promise<BenchServer> {
  const config = loadConfig({
    ...process.env,
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_MINUTE: '100000000',
    INVOICEXPRESS_RATE_LIMIT_PER_MINUTE: '100000000',
    ...db.env,
    ...env,
  });
  const running = await createApp(config, { logger: false });
  try {
    const url = await running.app.listen({ host: '127.0.0.1', port: 0 });
    const key = `ftr_test_bench_${Date.now()}_${'x'.repeat(40)}`;
    const { accountId } = await running.database.db.transaction().execute((tx) =>
      createAccount(tx, new Date(), {
        legalName: 'Bench, Lda',
        taxId: '503340855',
        street: 'Rua do Ouro, 1',
        postalCode: '1100-060',
        city: 'Lisboa',
        owner: { email: `bench${Date.now()}@example.com` },
        apiKey: key,
      }),
    );
    return { running, url, key, accountId, close: () => running.close() };
  } catch (err) {
    await running.close();
    throw err;
  }
}
