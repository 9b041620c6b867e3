import type { Writable } from 'node:stream';
import { loadConfig, type Config } from '../config.js';
import { callAdmin } from '../admin/client.js';
import { DataDirBusyError } from '../infra/db/data-dir-lock.js';

/** How long a command waits for a process that holds DATA_DIR without answering on the admin socket (one starting). */
const WAIT_FOR_HOLDER_MS = Number(process.env.FATURADOR_CLI_WAIT_MS ?? 30_000);

/**
 * Runs an admin command (src/admin/commands.ts) where the database is. On PGlite: through the server that holds
 * DATA_DIR when one runs (its admin socket), else in this process, which then takes the DATA_DIR lock itself; a
 * process that holds the lock without a socket yet (a server still migrating, another command) is waited for.
 * On PostgreSQL (DATABASE_URL) every process opens the database: several are supported, so no detour.
 */
export async function runAdminCommand(name: string, args: Record<string, unknown>, out: Writable): Promise<unknown> {
  const config = loadConfig();
  if (config.databaseUrl) return runHere(config, name, args, out);
  const deadline = Date.now() + WAIT_FOR_HOLDER_MS;
  let told = false;
  for (;;) {
    const call = await callAdmin(config.dataDir, name, args, out);
    if (call.reached) return call.result;
    try {
      return await runHere(config, name, args, out);
    } catch (err) {
      if (!(err instanceof DataDirBusyError) || Date.now() > deadline) throw err;
      const holder = err.holderPid ? ` ${err.holderPid}` : '';
      if (!told) console.error(`Waiting for the Faturador process${holder} that holds ${config.dataDir}…`);
      told = true;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

async function runHere(config: Config, name: string, args: Record<string, unknown>, out: Writable): Promise<unknown> {
  const [{ ADMIN_COMMANDS }, { openDatabase }, { migrate }, { syncReferenceData }] = await Promise.all([
    import('../admin/commands.js'),
    import('../infra/db/database.js'),
    import('../infra/db/migrate.js'),
    import('../infra/db/sync-reference-data.js'),
  ]);
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: 2,
    pgliteThread: config.pgliteThread,
  });
  try {
    if (name !== 'migrate') {
      await migrate(database);
      await syncReferenceData(database);
    }
    return await ADMIN_COMMANDS[name].run({ database, config }, args, out);
  } finally {
    await database.close();
  }
}
