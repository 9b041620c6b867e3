#!/usr/bin/env node
import { Command } from 'commander';
import { loadConfig } from '../config.js';
import { createApp, startupBanner } from '../app.js';
import { openDatabase } from '../infra/db/database.js';
import { migrate } from '../infra/db/migrate.js';
import { syncReferenceData } from '../infra/db/sync-reference-data.js';
import { createAccount } from '../app/accounts/create-account.js';
import { createApiKey } from '../app/accounts/create-api-key.js';
import { revokeApiKey } from '../app/accounts/revoke-api-key.js';
import { listApiKeys } from '../app/accounts/list-api-keys.js';
import { setUserPassword } from '../app/accounts/set-user-password.js';
import { loadChain } from '../app/documents/load-chain.js';
import { verifyChain } from '../domain/pt/chain.js';
import { DomainError } from '../domain/errors.js';
import { createReadStream, createWriteStream, readFileSync, renameSync, rmSync } from 'node:fs';
import { exportSaft } from '../exports/saft/export-saft.js';
import { saftSoftware } from '../exports/saft/software.js';
import { saftPeriod } from '../exports/saft/period.js';
import { verifySaftFile } from '../exports/saft/verify-file.js';

const program = new Command().name('faturador').description('Faturador invoicing API: server and administration.');

async function withDb<T>(fn: (db: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 2 });
  try {
    await migrate(database);
    await syncReferenceData(database);
    return await fn(database);
  } finally {
    await database.close();
  }
}

program.command('serve').description('Run the HTTP server (migrates first)').action(async () => {
  const config = loadConfig();
  const running = await createApp(config);
  const address = await running.app.listen({ host: config.host, port: config.port });
  console.log(startupBanner(config, address, running.sandbox));
  const stop = async () => { await running.close(); process.exit(0); };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
});

program.command('migrate').description('Apply pending database migrations').action(async () => {
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 2 });
  try {
    const applied = await migrate(database);
    await syncReferenceData(database);
    console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date.');
  } finally {
    await database.close();
  }
});

const account = program.command('account').description('Accounts (tenants)');
account.command('create')
  .requiredOption('--name <legalName>', 'legal name')
  .requiredOption('--tax-id <nif>', 'tax id (NIF)')
  .requiredOption('--email <email>', 'owner e-mail')
  .option('--country <cc>', 'country', 'PT')
  .option('--production', 'a production account (documents with legal validity)', false)
  .option('--cert <number>', 'AT software certificate number', '0')
  .action(async (o) => withDb(async ({ db }) => {
    const res = await db.transaction().execute((tx) => createAccount(tx, new Date(), {
      legalName: o.name, taxId: o.taxId, country: o.country, sandbox: !o.production, softwareCertNumber: Number(o.cert), owner: { email: o.email },
    }));
    console.log(JSON.stringify({ accountId: res.accountId, userId: res.userId, apiKey: res.apiKey }, null, 2));
  }));

const apikey = program.command('apikey').description('API keys');
apikey.command('create').requiredOption('--account <id>').option('--name <name>', 'label', '').action(async (o) => withDb(async ({ db }) => {
  const key = await db.transaction().execute((tx) => createApiKey(tx, Number(o.account), { name: o.name }));
  console.log(JSON.stringify(key, null, 2));
}));
apikey.command('revoke').requiredOption('--account <id>').requiredOption('--id <keyId>').action(async (o) => withDb(async ({ db }) => {
  await db.transaction().execute((tx) => revokeApiKey(tx, Number(o.account), Number(o.id)));
  console.log(`Revoked key ${o.id}.`);
}));
apikey.command('list').requiredOption('--account <id>').action(async (o) => withDb(async ({ db }) => {
  console.log(JSON.stringify(await listApiKeys(db, Number(o.account)), null, 2));
}));

const user = program.command('user').description('Users');
user.command('set-password').description('Set the password a user logs in with (bill.pt auth/login); FATURADOR_USER_PASSWORD or --password')
  .requiredOption('--email <email>').option('--password <password>', 'the new password (prefer FATURADOR_USER_PASSWORD: arguments show in process lists)')
  .action(async (o) => withDb(async ({ db }) => {
    const password = o.password ?? process.env.FATURADOR_USER_PASSWORD;
    if (!password) throw new DomainError('validation', 'Give the password with --password or FATURADOR_USER_PASSWORD.');
    const r = await db.transaction().execute((tx) => setUserPassword(tx, { email: o.email, password }));
    console.log(`Password set for user ${r.userId} of account ${r.accountId}.`);
  }));

program.command('verify-chain').description('Verify the hash chain of an account’s signed documents')
  .requiredOption('--account <id>').option('--series <code>').option('--type <docType>')
  .action(async (o) => withDb(async ({ db }) => {
    const { docs, publicKeys } = await loadChain(db, Number(o.account), { seriesCode: o.series, type: o.type });
    const active = publicKeys.at(-1);
    if (!active) throw new DomainError('not_found', 'The account has no signing key.');
    const report = verifyChain(docs, active.public_pem);
    console.log(JSON.stringify(report, null, 2));
    if (!report.ok) process.exitCode = 1;
  }));

const saft = program.command('saft').description('SAF-T (PT) 1.04_01 files');
saft.command('export').description('Write the SAF-T file of a period (to --out, or to standard output)')
  .requiredOption('--account <id>')
  .option('--from <date>', 'first day, YYYY-MM-DD').option('--to <date>', 'last day, YYYY-MM-DD')
  .option('--month <m>', 'a calendar month (1-12), with --year').option('--year <yyyy>')
  .option('--out <file>', 'output file (written to <file>.partial, renamed when complete)')
  .action(async (o) => {
    const period = saftPeriod({ from: o.from, to: o.to, month: o.month, year: o.year });
    await withDb(async ({ db }) => {
      const partial = o.out ? `${o.out}.partial` : undefined;
      const out = partial ? createWriteStream(partial) : process.stdout;
      try {
        const stats = await db.transaction().setIsolationLevel('repeatable read')
          .execute((tx) => exportSaft(tx, Number(o.account), out, { period, now: new Date(), software: saftSoftware(loadConfig().software) }));
        if (partial) {
          await new Promise<void>((resolve, reject) => { out.once('error', reject); out.end(resolve); });
          renameSync(partial, o.out);
          console.error(`Wrote ${o.out}: ${stats.documents} documents, ${stats.bytes} bytes.`);
        }
      } catch (err) {
        if (partial) { out.destroy(); rmSync(partial, { force: true }); }
        throw err;
      }
    });
  });
saft.command('verify').description('Verify the hash chain and the XSD 1.1 assert rules of a SAF-T file')
  .requiredOption('--file <saft.xml>').requiredOption('--public-key <pem file>')
  .action(async (o) => {
    const report = await verifySaftFile(createReadStream(o.file), readFileSync(o.publicKey, 'utf8'));
    console.log(JSON.stringify(report, null, 2));
    if (!report.ok) process.exitCode = 1;
  });

program.parseAsync(process.argv).catch((err: unknown) => {
  console.error(err instanceof DomainError ? `${err.code}: ${err.message}${err.details.length ? `\n${JSON.stringify(err.details, null, 2)}` : ''}` : err);
  process.exit(1);
});
