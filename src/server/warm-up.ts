import type { FastifyInstance } from 'fastify';
import { accountConfig } from '../app/accounts/account-config.js';
import { authenticateApiKey, recentlyActiveAccounts } from '../app/accounts/authenticate-api-key.js';
import { prepareDocument } from '../app/documents/create-document.js';
import { issueDocuments } from '../app/documents/issue-documents.js';
import type { Ctx } from '../app/context.js';
import { signMessage } from '../domain/pt/signature.js';
import { lazySchemasOf, type SchemaRoute } from '../http/lazy-schemas.js';
import type { Database } from '../infra/db/database.js';

/** Connections warmed (each prepares the hot reads); at most the pool's size. */
const CONNECTIONS = 4;
/** Accounts whose configuration (and signing key) is loaded ahead: the most recently active. */
const ACCOUNTS = 20;
// The routes that issue and read documents on every API: what an integration calls first.
const HOT_ROUTE = /\/(documents|invoices|invoice_receipts|simplified_invoices|documentos|receipts|recibos)\b/;

export interface WarmUpReport {
  schemas: number;
  connections: number;
  accounts: number;
  /** Whether a create-and-finalize was run (and rolled back). */
  issued: boolean;
  ms: number;
}

/**
 * What the first request would otherwise pay, done once after the port is bound (in the background: a request
 * that arrives meanwhile is served as before): the hot routes' validators and serializers compiled, the hot reads
 * prepared on a few pooled connections, the active accounts' configuration and signing key loaded and used once,
 * and one create-and-finalize run and rolled back. It leaves nothing written.
 */
export async function warmUp(app: FastifyInstance, database: Database, signal?: AbortSignal): Promise<WarmUpReport> {
  const started = performance.now();
  // Between steps: a stop asked for meanwhile ends the warm-up before the next one.
  const go = () => signal?.throwIfAborted();
  // One route at a time, yielding in between: what the start still does after listen (the sandbox, the banner)
  // and the first requests are not held up behind all of them.
  let schemas = 0;
  for (const lazy = lazySchemasOf.get(app); lazy;) {
    let taken = false;
    const one = (r: SchemaRoute) => !taken && HOT_ROUTE.test(r.url ?? '') && (taken = true);
    if (!lazy.compileWhere(one)) break;
    schemas++;
    await new Promise((resolve) => setImmediate(resolve));
    go();
  }
  const { db } = database;
  const accounts = await recentlyActiveAccounts(db, ACCOUNTS);
  go();
  const ctxOf = (a: (typeof accounts)[number]): Ctx => ({ accountId: a.accountId, userId: a.userId, now: new Date() });
  const connections = database.kind === 'postgres' ? Math.min(CONNECTIONS, database.poolStats().max) : 1;
  // Held together, so each is its own pooled connection and prepares the statements for itself.
  await Promise.all(
    Array.from({ length: connections }, () =>
      db.connection().execute(async (c) => {
        await authenticateApiKey(c, `ftr_warmup_${'0'.repeat(40)}`).catch(() => undefined);
        for (const a of accounts.slice(0, 3)) await accountConfig(c, ctxOf(a));
      }),
    ),
  );
  for (const a of accounts) {
    go();
    const config = await accountConfig(db, { ...ctxOf(a), configVersion: a.configVersion });
    if (config.signingKey) signMessage('warm-up', config.signingKey.key);
  }
  let issued = false;
  go();
  if (accounts[0]) {
    // The path of a create-and-finalize, run once and rolled back: the draft, totals, numbering and signature
    // code compiled, the write statements prepared on the connection the next request takes (the pool hands out
    // the last one released). The rollback leaves nothing: no number is used, no row or job remains.
    const ctx = ctxOf(accounts[0]);
    const prepared = await prepareDocument(db, ctx, WARM_UP_INPUT, { readOnly: true }).catch(() => null);
    if (prepared?.issue) {
      await db
        .transaction()
        .execute(async (tx) => {
          await issueDocuments(tx, ctx.accountId, [{ ctx, prepared }]);
          throw ROLL_BACK;
        })
        .catch((err: unknown) => {
          if (err !== ROLL_BACK) throw err;
        });
      issued = true;
    }
  }
  return { schemas, connections, accounts: accounts.length, issued, ms: Math.round(performance.now() - started) };
}

/**
 * Warms up once the main port is bound, and logs what it did ("warmed up"); a failure only loses the head start and
 * warns. Closing the app stops it at its next step and waits for that, so the database it reads is not closed under
 * it: a stop within seconds of the start says so at debug level only.
 */
export function warmUpAfterListen(app: FastifyInstance, database: Database): void {
  const stop = new AbortController();
  let running: Promise<void> | undefined;
  app.addHook('onListen', async () => {
    running = warmUp(app, database, stop.signal).then(
      (report) => app.log.info(report, 'warmed up'),
      (err: unknown) => {
        const message = err instanceof Error ? err.message : String(err);
        if (stop.signal.aborted) app.log.debug({ err: message }, 'warm-up stopped: the server is closing');
        else app.log.warn({ err: message }, 'warm-up stopped');
      },
    );
    await running;
  });
  app.addHook('preClose', async () => stop.abort());
  app.addHook('onClose', async () => running);
}

const ROLL_BACK = new Error('warm-up: rolled back');

// To the final consumer: nothing to create first, so it prepares outside the transaction like most requests.
const WARM_UP_INPUT = {
  type: 'FR',
  finalize: true,
  lines: [{ description: 'Warm-up', quantity: '1', unitPrice: '1.00', taxName: 'IVA23' }],
};
