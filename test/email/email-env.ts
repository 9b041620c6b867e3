import { JobWorker } from '../../src/infra/jobs/worker.js';
import { Metrics } from '../../src/infra/metrics/metrics.js';
import { buildServices } from '../../src/server/build-services.js';
import { registerJobHandlers } from '../../src/server/jobs.js';
import { startTestApp, testConfigWith, type TestApp, type TestConfig } from '../support/app.js';

export const TEST_SECRET_KEY = '0f1e2d3c4b5a69788796a5b4c3d2e1f000112233445566778899aabbccddeeff';
export const FROM = 'faturas@faturador.test';

export interface EmailTestApp extends TestApp {
  /**
   * A second worker over the same database whose backoff (150 ms) is long enough for a test to count attempts:
   * its drain() runs one attempt of a failing job, nextAttempt() the next one.
   */
  stepper: JobWorker;
}

/** A test app whose installation SMTP is the given server, with a short timeout and few attempts. */
export async function emailApp(
  smtp: { host: string; port: number } | null,
  extra: TestConfig = {},
): Promise<EmailTestApp> {
  const config: TestConfig = {
    secretKey: TEST_SECRET_KEY,
    publicUrl: 'https://faturas.example.pt',
    smtp: smtp
      ? { host: smtp.host, port: smtp.port, secure: false, from: FROM, timeoutMs: 2000, maxAttempts: 4 }
      : undefined,
    webhooks: { timeoutMs: 400, maxAttempts: 4 },
    ...extra,
  };
  const t = await startTestApp(config);
  const stepper = new JobWorker(t.db.database.db, { backoffBaseMs: 150, backoffMaxMs: 150 });
  registerJobHandlers(stepper, buildServices(testConfigWith(config), t.db.database, new Metrics()));
  return Object.assign(t, { stepper });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs due jobs until none of these kinds is pending, waiting out the test-sized backoff in between. */
export async function settle(
  t: TestApp,
  kinds = ['email.send', 'event.dispatch', 'webhook.deliver', 'pdf.render'],
  rounds = 200,
): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    await t.worker.drain();
    const pending = await t.db.database.db
      .selectFrom('jobs')
      .select('id')
      .where('kind', 'in', kinds)
      .where('state', 'in', ['pending', 'running'])
      .executeTakeFirst();
    if (!pending) return;
    await sleep(20);
  }
  throw new Error('jobs still pending');
}

/** One more round of attempts with the stepping worker: waits out its backoff (150 ms ± 20%), then runs what is due. */
export async function nextAttempt(t: EmailTestApp): Promise<number> {
  await sleep(200);
  return t.stepper.drain();
}

export const invoice = (extra: Record<string, unknown> = {}) => ({
  type: 'FT',
  customer: { name: 'Cliente Exemplo, Lda', taxId: '123456789', email: 'financeiro@cliente.pt' },
  dueDate: '2099-12-31',
  lines: [{ description: 'Consultoria', quantity: '2', unitPrice: '100', taxName: 'IVA23', productType: 'S' }],
  ...extra,
});

/** The cached render: everything up to the first %%EOF (a print appends the copy mark as an incremental update after it). */
export function baseRender(pdf: Buffer): Buffer {
  const at = pdf.indexOf('%%EOF');
  let end = at + 5;
  if (pdf[end] === 0x0d) end++;
  if (pdf[end] === 0x0a) end++;
  return pdf.subarray(0, end);
}
