import { loadConfig } from '../config.js';
import { createApp } from '../server/create-app.js';
import { closeOnSignals } from '../server/shutdown.js';
import { announceStart } from '../server/start-banner.js';
import { startAdminServer, type AdminServer } from '../admin/server.js';

/** `faturador serve`: open (and on PGlite lock) the database, bind the port, then the admin socket, then bootstrap. */
export async function serve(): Promise<void> {
  const config = loadConfig();
  const running = await createApp(config);
  let admin: AdminServer | undefined;
  try {
    // A generated sandbox key is shown once, so it is created only after the port is bound: a start that cannot
    // listen loses nothing. BOOTSTRAP_API_KEY is the operator's own key: its account is there before any request.
    const early = config.bootstrapApiKey ? await running.ensureSandbox() : undefined;
    let address: string;
    try {
      address = await running.app.listen({ host: config.host, port: config.port });
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EADDRINUSE' || code === 'EACCES') {
        const where = `${config.host}:${config.port}`;
        throw new Error(`Cannot listen on ${where} (${code}): stop what uses it, or set HOST/PORT.`);
      }
      throw err;
    }
    // PGlite: the process holding DATA_DIR answers the CLI on DATA_DIR/faturador.sock. PostgreSQL needs no channel.
    if (!config.databaseUrl) admin = await startAdminServer({ database: running.database, config });
    const sandbox = early ?? (await running.ensureSandbox());
    announceStart(running.app, config, address, sandbox);
  } catch (err) {
    await admin?.close().catch(() => undefined);
    await running.close().catch(() => undefined);
    throw err;
  }
  closeOnSignals(running.app.log, async () => {
    await admin?.close().catch(() => undefined);
    await running.close();
  });
}
