import { JobWorker } from '../../src/infra/jobs/worker.js';
import { Metrics } from '../../src/infra/metrics/metrics.js';
import { buildServices } from '../../src/server/build-services.js';
import { registerJobHandlers } from '../../src/server/jobs.js';
import { startTestApp, testConfigWith, type TestAccount, type TestApp, type TestConfig } from '../support/app.js';
import { startFakeAtServer, type FakeAtServer } from '../support/fake-at-server.js';

export const TEST_SECRET_KEY = '5f1e0c9b7a3d2e4f6a8b0c1d2e3f405162738495a6b7c8d9e0f1a2b3c4d5e6f7';
let nifIndex = 0;
/** Valid NIFs, one per account: the fake AT keeps series per NIF. */
const NIFS = [
  '509000002',
  '509001378',
  '509002749',
  '509004113',
  '509005489',
  '509006850',
  '509008224',
  '509009590',
  '509010962',
  '509012337',
  '509013708',
  '509015077',
];

export interface AtEnv {
  t: TestApp;
  fake: FakeAtServer;
  /** A second worker over the same database whose backoff is long enough to observe a job waiting for it. */
  slowWorker(): JobWorker;
  /** A new account (production unless told otherwise) with AT credentials stored and known to the fake AT. */
  account(opts?: { sandbox?: boolean; transport?: boolean; invoices?: boolean }): Promise<AtAccount>;
  close(): Promise<void>;
}

export interface AtAccount extends TestAccount {
  nif: string;
  username: string;
  password: string;
  call: TestApp['call'];
}

export function atConfig(fake: FakeAtServer, extra: TestConfig = {}, timeoutMs = 400): TestConfig {
  return {
    secretKey: TEST_SECRET_KEY,
    at: {
      publicKeyPem: fake.publicKeyPem,
      endpoints: { test: fake.endpoints, production: fake.endpoints },
      timeoutMs,
    },
    ...extra,
  };
}

export async function startAtEnv(extra: TestConfig = {}, timeoutMs?: number): Promise<AtEnv> {
  const fake = await startFakeAtServer();
  const t = await startTestApp(atConfig(fake, extra, timeoutMs));
  return {
    t,
    fake,
    slowWorker() {
      const w = new JobWorker(t.db.database.db, { backoffBaseMs: 60_000, backoffMaxMs: 60_000 });
      registerJobHandlers(
        w,
        buildServices(testConfigWith(atConfig(fake, extra, timeoutMs)), t.db.database, new Metrics()),
      );
      return w;
    },
    async account(opts = {}) {
      const nif = NIFS[nifIndex++ % NIFS.length];
      const a = await t.newAccount({ sandbox: opts.sandbox ?? false, taxId: nif });
      const username = `${nif}/1`;
      const password = `senha-${nif}`;
      fake.addUser(username, password);
      const call: TestApp['call'] = (m, u, b, o = {}) => t.call(m, u, b, { ...o, key: a.apiKey });
      const r = await call('PUT', '/v1/at/settings', {
        username,
        password,
        transportEnabled: !!opts.transport,
        invoicesEnabled: !!opts.invoices,
      });
      if (r.status !== 200) throw new Error(`settings: ${r.status} ${JSON.stringify(r.body)}`);
      return { ...a, nif, username, password, call };
    },
    async close() {
      await t.close();
      await fake.close();
    },
  };
}

/** A future instant in Lisbon local form, `days` from now. */
export function futureLocal(days: number, time = '10:00:00'): string {
  const d = new Date(Date.now() + days * 86_400_000);
  return `${d.toISOString().slice(0, 10)}T${time}`;
}

export const today = () => new Date().toISOString().slice(0, 10);

export function transportGuide(extra: Record<string, unknown> = {}) {
  return {
    type: 'GT',
    date: today(),
    customer: {
      name: 'Cliente Transportes, Lda',
      taxId: '503340855',
      street: 'Rua do Destino, 5',
      postalCode: '4000-001',
      city: 'Porto',
    },
    loadAddress: { street: 'Armazém Central, Rua A 1', postalCode: '1000-001', city: 'Lisboa', country: 'PT' },
    unloadAddress: { street: 'Rua do Destino, 5', postalCode: '4000-001', city: 'Porto', country: 'PT' },
    loadAt: futureLocal(1),
    vehiclePlate: 'AA-00-BB',
    lines: [{ description: 'Paletes de cortiça', quantity: '10', unitPrice: '12.50', taxName: 'IVA23' }],
    ...extra,
  };
}

export function invoice(extra: Record<string, unknown> = {}) {
  return {
    type: 'FT',
    date: today(),
    customer: { name: 'Cliente Faturas, SA', taxId: '503340855' },
    lines: [{ description: 'Consultoria', quantity: '2', unitPrice: '100', taxName: 'IVA23', productType: 'S' }],
    ...extra,
  };
}

/** Runs due jobs until no AT job is left, waiting out the (test-sized) backoff in between. */
export async function drainAll(t: TestApp, rounds = 60): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    await t.worker.drain();
    const pending = await t.db.database.db
      .selectFrom('jobs')
      .select('id')
      .where('kind', 'like', 'at.%')
      .where('state', 'in', ['pending', 'running'])
      .executeTakeFirst();
    if (!pending) return;
    await new Promise((r) => setTimeout(r, 30));
  }
}
