import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { DIALECT_DEFAULTS, type Config, type DialectConfig, type DialectName } from '../../src/config.js';
import { assembleApp } from '../../src/server/create-app.js';
import { createAccount } from '../../src/app/accounts/create-account.js';
import { freshDatabase, type TestDatabase } from './db.js';
import type { JobWorker } from '../../src/infra/jobs/worker.js';
import type { Metrics } from '../../src/infra/metrics/metrics.js';

export const testConfig: Config = {
  host: '127.0.0.1',
  port: 0,
  dataDir: '',
  rateLimitPerMinute: 100000,
  dbPoolSize: 20,
  logLevel: 'silent',
  publicUrl: 'http://localhost',
  runWorker: false,
  dialects: {
    billpt: { ...DIALECT_DEFAULTS.billpt },
    invoicexpress: { ...DIALECT_DEFAULTS.invoicexpress },
    billit: { ...DIALECT_DEFAULTS.billit },
    magnifinance: { ...DIALECT_DEFAULTS.magnifinance },
  },
};

/** A test's configuration: what differs from `testConfig`, a dialect's settings one by one. */
export type TestConfig = Partial<Omit<Config, 'dialects'>> & {
  dialects?: { [name in DialectName]?: Partial<DialectConfig> };
};

/** `testConfig` with a test's changes (and the log level FATURADOR_TEST_LOG asks for). */
export function testConfigWith(config: TestConfig = {}): Config {
  const d = config.dialects ?? {};
  return {
    ...testConfig,
    ...config,
    dialects: {
      billpt: { ...testConfig.dialects.billpt, ...d.billpt },
      invoicexpress: { ...testConfig.dialects.invoicexpress, ...d.invoicexpress },
      billit: { ...testConfig.dialects.billit, ...d.billit },
      magnifinance: { ...testConfig.dialects.magnifinance, ...d.magnifinance },
    },
    logLevel: process.env.FATURADOR_TEST_LOG ?? 'silent',
  };
}

export interface TestAccount {
  accountId: number;
  apiKey: string;
}

export interface TestApp {
  app: FastifyInstance;
  /** The outbox worker, not started: tests run due jobs with `worker.drain()`, or start it. */
  worker: JobWorker;
  /** The server's and the worker's Prometheus instruments. */
  metrics: Metrics;
  db: TestDatabase;
  account: TestAccount;
  newAccount(opts?: { sandbox?: boolean; taxId?: string }): Promise<TestAccount>;
  /** An authenticated JSON request; returns status and parsed body. */
  call(
    method: string,
    url: string,
    body?: unknown,
    opts?: { key?: string; headers?: Record<string, string> },
  ): Promise<{ status: number; body: any; headers: LightMyRequestResponse['headers'] }>;
  close(): Promise<void>;
}

let counter = 0;

export async function startTestApp(config: TestConfig = {}): Promise<TestApp> {
  const db = await freshDatabase();
  const fullConfig = testConfigWith(config);
  const { app, worker, services } = await assembleApp(fullConfig, db.database, {
    logger: !!process.env.FATURADOR_TEST_LOG,
    worker: { backoffBaseMs: 10, backoffMaxMs: 50 },
  });
  const metrics = services.metrics;
  await app.ready();
  const newAccount = async (opts: { sandbox?: boolean; taxId?: string } = {}) => {
    counter += 1;
    const a = await db.database.db.transaction().execute((tx) =>
      createAccount(tx, new Date(), {
        legalName: `Empresa Teste ${counter}, Lda`,
        taxId: opts.taxId ?? '503340855',
        sandbox: opts.sandbox ?? true,
        street: 'Rua do Teste, 1',
        postalCode: '1000-001',
        city: 'Lisboa',
        owner: { email: `owner${counter}-${Date.now()}@example.com` },
      }),
    );
    return { accountId: a.accountId, apiKey: a.apiKey };
  };
  const account = await newAccount();
  return {
    app,
    db,
    worker,
    metrics,
    account,
    newAccount,
    async call(method, url, body, opts = {}) {
      const res = await app.inject({
        method: method as 'GET',
        url,
        payload: body === undefined ? undefined : JSON.stringify(body),
        headers: {
          authorization: `Bearer ${opts.key ?? account.apiKey}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...opts.headers,
        },
      });
      let parsed: unknown = res.body;
      try {
        parsed = res.body ? JSON.parse(res.body) : undefined;
      } catch {
        /* not JSON */
      }
      return { status: res.statusCode, body: parsed, headers: res.headers };
    },
    async close() {
      await worker.stop();
      await app.close();
      await db.drop();
    },
  };
}
