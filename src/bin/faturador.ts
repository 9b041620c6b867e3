#!/usr/bin/env node
// Only commander and small helpers load up front, so `--help` answers at once; each action imports what it needs.
import { createWriteStream, renameSync, rmSync, statSync } from 'node:fs';
import nodeModule from 'node:module';
import { resolve } from 'node:path';
import type { Writable } from 'node:stream';
import { Command, CommanderError, Option } from 'commander';
import { isoDate, month, nonNegativeInt, positiveInt, year } from './args.js';
import { addEinvoiceCommands } from './einvoice-command.js';
import { packageVersion } from './version.js';

// Node 22+ keeps the compiled code of the modules loaded from here on disk (os.tmpdir()), so a restart skips
// compiling them again; Node 20 has no such cache (a no-op). NODE_DISABLE_COMPILE_CACHE=1 turns it off.
(nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache?.();

/** Usage errors (bad or missing arguments, a value the use case refused as invalid) exit with 2, other failures 1. */
const EXIT_FAILURE = 1;
const EXIT_USAGE = 2;

const program = new Command()
  .name('faturador')
  .description(
    'Faturador invoicing API: the server and its administration.\n\n' +
      'Results go to standard output as JSON with camelCase keys, like the API (saft export writes XML, signing-key ' +
      'a PEM); messages and errors go to standard error. Exit codes: 0 success, 1 failure (not found, conflict, a ' +
      'broken chain), 2 bad arguments. With the embedded database, commands go through the running server when ' +
      'one holds DATA_DIR, else open it themselves.',
  )
  .version(packageVersion(), '-V, --version', 'print the version')
  .helpOption('-h, --help', 'show help for a command')
  .exitOverride()
  .showHelpAfterError('(add --help for usage)');

async function run(name: string, args: Record<string, unknown>, out: Writable = process.stdout): Promise<unknown> {
  const { runAdminCommand } = await import('./run-command.js');
  return runAdminCommand(name, args, out);
}
const print = (result: unknown) => console.log(JSON.stringify(result, null, 2));
const accountOption = ['--account <id>', 'account id (a positive integer)', positiveInt] as const;

program
  .command('serve')
  .description('run the HTTP server (migrates first; on PGlite, locks DATA_DIR)')
  .action(async () => {
    // On PGlite, its engine compiles on V8's background threads while the server's modules load on this one.
    if (!process.env.DATABASE_URL) {
      void import('../infra/db/pglite-engine.js').then((m) => m.pgliteEngine()).catch(() => undefined);
    }
    return (await import('./serve.js')).serve();
  });

program
  .command('migrate')
  .description('apply pending database migrations; prints {"applied": [...]}')
  .action(async () => print(await run('migrate', {})));

const account = program.command('account').description('accounts (tenants)');
account
  .command('create')
  .description('create an account with its owner, default series, taxes and a first API key')
  .requiredOption('--name <legalName>', 'legal name')
  .requiredOption('--tax-id <nif>', 'tax id (PT: NIF; BE: VAT or KBO/BCE enterprise number)')
  .requiredOption('--email <email>', 'owner e-mail')
  .option('--country <cc>', "the seller's fiscal regime: PT or BE (fixed once a document is issued)", 'PT')
  .option('--language <lang>', 'default document language: pt, en, fr, nl or de (default: pt; fr for BE)')
  .option('--production', 'a production account (documents with legal validity)', false)
  .option('--cert <number>', 'AT software certificate number', nonNegativeInt, 0)
  .action(async (o) =>
    print(
      await run('account.create', {
        legalName: o.name,
        taxId: o.taxId,
        email: o.email,
        country: o.country,
        language: o.language,
        production: o.production,
        certNumber: o.cert,
      }),
    ),
  );

const partyOption = ['--party <id>', "the client account's id (a positive integer)", positiveInt] as const;
account
  .command('grant-access')
  .description(
    "let the account's API keys act for another account (an accountant for a client company: Billit's PartyID)",
  )
  .requiredOption(...accountOption)
  .requiredOption(...partyOption)
  .action(async (o) => print(await run('account.grant-access', { accountId: o.account, partyId: o.party })));
account
  .command('revoke-access')
  .description('end an access granted with grant-access, at once')
  .requiredOption(...accountOption)
  .requiredOption(...partyOption)
  .action(async (o) => print(await run('account.revoke-access', { accountId: o.account, partyId: o.party })));
account
  .command('list-access')
  .description("list the accounts the account's API keys may act for")
  .requiredOption(...accountOption)
  .action(async (o) => print(await run('account.list-access', { accountId: o.account })));

const apikey = program.command('apikey').description('API keys (shown once at creation, stored hashed)');
apikey
  .command('create')
  .description("create an API key for the account's owner")
  .requiredOption(...accountOption)
  .option('--name <name>', 'a label for the key', '')
  .addOption(
    new Option(
      '--scope <scope>',
      'what the key may do: admin (keys, webhooks, AT, SMTP, settings), issue (every other write), read',
    )
      .choices(['admin', 'issue', 'read'])
      .default('issue'),
  )
  .action(async (o) => print(await run('apikey.create', { accountId: o.account, name: o.name, scope: o.scope })));
apikey
  .command('list')
  .description("list the account's API keys (never the keys themselves)")
  .requiredOption(...accountOption)
  .action(async (o) => print(await run('apikey.list', { accountId: o.account })));
apikey
  .command('revoke')
  .description('revoke an API key at once')
  .requiredOption(...accountOption)
  .requiredOption('--id <keyId>', "the key's id, as apikey list shows it", positiveInt)
  .action(async (o) => print(await run('apikey.revoke', { accountId: o.account, keyId: o.id })));

const user = program.command('user').description('users');
user
  .command('set-password')
  .description('set the password a user logs in with (bill.pt auth/login)')
  .requiredOption('--email <email>', "the user's e-mail")
  .option('--password <password>', 'the new password (prefer FATURADOR_USER_PASSWORD: arguments show in process lists)')
  .action(async (o) => {
    const password = o.password ?? process.env.FATURADOR_USER_PASSWORD;
    if (!password) {
      program.error('error: give the password in FATURADOR_USER_PASSWORD or with --password', { exitCode: EXIT_USAGE });
    }
    print(await run('user.set-password', { email: o.email, password }));
  });

program
  .command('signing-key')
  .description("print the public key (PEM) of the account's signing key, for saft verify")
  .requiredOption(...accountOption)
  .action(async (o) => {
    process.stdout.write(((await run('signing-key', { accountId: o.account })) as { publicPem: string }).publicPem);
  });

program
  .command('verify-chain')
  .description("verify the hash chain of the account's signed documents (exit 1 if broken)")
  .requiredOption(...accountOption)
  .option('--series <code>', 'only this series')
  .option('--type <docType>', 'only this document type (FT, FR, NC, …)')
  .action(async (o) => {
    const args = { accountId: o.account, series: o.series, type: o.type };
    const report = (await run('verify-chain', args)) as { ok: boolean };
    print(report);
    if (!report.ok) process.exitCode = EXIT_FAILURE;
  });

const saft = program.command('saft').description('SAF-T (PT) 1.04_01 files');
saft
  .command('export')
  .description('write the SAF-T file of a period (to --out, or to standard output)')
  .requiredOption(...accountOption)
  .option('--from <date>', 'first day, YYYY-MM-DD', isoDate)
  .option('--to <date>', 'last day, YYYY-MM-DD', isoDate)
  .option('--month <m>', 'a calendar month (1-12), with --year', month)
  .option('--year <yyyy>', 'the year of --month', year)
  .option('--out <file>', 'output file (written to <file>.partial, renamed when complete)')
  .action(async (o) => {
    const target = o.out ? resolve(o.out) : undefined;
    const partial = target ? `${target}.partial` : undefined;
    const out = partial ? createWriteStream(partial) : process.stdout;
    try {
      await run('saft.export', { accountId: o.account, from: o.from, to: o.to, month: o.month, year: o.year }, out);
      if (partial && target) {
        await new Promise<void>((res, rej) => {
          out.once('error', rej);
          out.end(res);
        });
        renameSync(partial, target);
        console.error(`Wrote ${o.out} (${statSync(target).size} bytes).`);
      }
    } catch (err) {
      if (partial) {
        out.destroy();
        rmSync(partial, { force: true });
      }
      throw err;
    }
  });
saft
  .command('verify')
  .description('verify the hash chain and the XSD 1.1 assert rules of a SAF-T file (exit 1 if not)')
  .requiredOption('--file <saft.xml>', 'the SAF-T file')
  .requiredOption('--public-key <pem file>', 'the public key, as faturador signing-key prints it')
  .action(async (o) => {
    const [{ createReadStream, readFileSync }, { verifySaftFile }] = await Promise.all([
      import('node:fs'),
      import('../exports/saft/verify-file.js'),
    ]);
    const report = await verifySaftFile(createReadStream(o.file), readFileSync(o.publicKey, 'utf8'));
    print(report);
    if (!report.ok) process.exitCode = EXIT_FAILURE;
  });

program
  .command('import')
  .description(
    'bulk invoicing: check a CSV or XLSX file (the template of GET /v1/imports/template) and issue its documents; ' +
      'progress on standard error, the result as JSON (exit 1 if the file has errors)',
  )
  .argument('<file>', 'the CSV or XLSX file')
  .requiredOption(...accountOption)
  .option('--dry-run', 'only check the file and print the preview', false)
  .option('--issue-valid', 'issue the valid documents even when other rows have errors', false)
  .option('--send-email', "e-mail each document to its row's Send to address", false)
  .option('--mapping <json>', 'file header → template column, as a JSON object')
  .action(async (file: string, o) => {
    const { importCli } = await import('./import-command.js');
    const result = await importCli(resolve(file), o, (args, out) => run('import', args, out));
    print(result);
    const r = result as { errors: unknown[]; failed?: number };
    if (r.errors.length || r.failed) process.exitCode = EXIT_FAILURE;
  });

addEinvoiceCommands(program);

function exitCodeOf(err: unknown): number {
  if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : EXIT_USAGE;
  const code = (err as { code?: unknown }).code;
  return code === 'validation' ? EXIT_USAGE : EXIT_FAILURE;
}

function describe(err: unknown): string {
  const e = err as { name?: string; code?: string; message?: string; details?: unknown[] };
  if (e?.name === 'DomainError') {
    return `${e.code}: ${e.message}${e.details?.length ? `\n${JSON.stringify(e.details, null, 2)}` : ''}`;
  }
  const known = /^(Cannot listen|The admin socket|The server stopped)/;
  if (e?.name === 'DataDirBusyError' || (err instanceof Error && known.test(err.message))) {
    return `error: ${e.message}`;
  }
  const errno = (e as NodeJS.ErrnoException)?.code;
  if (errno === 'ENOENT' || errno === 'EACCES') return `error: ${e.message}`;
  return err instanceof Error ? (err.stack ?? err.message) : String(err);
}

program.parseAsync(process.argv).catch((err: unknown) => {
  // Commander has printed its own message already.
  if (!(err instanceof CommanderError)) console.error(describe(err));
  process.exit(exitCodeOf(err));
});
