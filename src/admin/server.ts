import { chmodSync, closeSync, openSync, rmSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import Fastify, { type FastifyInstance } from 'fastify';
import { DomainError } from '../domain/errors.js';
import { lazySchemas } from '../http/lazy-schemas.js';
import { ADMIN_COMMANDS, type AdminContext } from './commands.js';
import { adminSocketAddress, adminSocketFile } from './socket-path.js';

export interface AdminServer {
  close(): Promise<void>;
}

const STATUS: Record<string, number> = { validation: 422, not_found: 404 };

/**
 * The local admin channel of a server that holds the DATA_DIR lock: HTTP over the Unix socket DATA_DIR/faturador.sock,
 * mode 0600 so only the machine's user that runs the server reaches it. The CLI sends its commands here while the
 * server runs, so the embedded database is only ever opened by one process. Call only while holding the lock:
 * whatever socket file is there was left by a dead holder and is removed.
 */
export async function startAdminServer(ctx: AdminContext): Promise<AdminServer> {
  // Lazy schemas: Fastify would otherwise load fast-json-stringify (and Ajv) at start for this small server too.
  const app: FastifyInstance = Fastify({ logger: false, schemaController: lazySchemas().schemaController });
  app.setErrorHandler((err: Error, _req, reply) => {
    const e = err instanceof DomainError ? err : undefined;
    const status = e ? (STATUS[e.code] ?? 409) : ((err as { statusCode?: number }).statusCode ?? 500);
    reply.status(status).send({
      error: {
        code: e?.code ?? (status < 500 ? 'validation' : 'internal'),
        message: err.message,
        details: e?.details ?? [],
      },
    });
  });
  app.post<{ Params: { name: string }; Body: Record<string, unknown> }>('/commands/:name', async (req, reply) => {
    const command = Object.hasOwn(ADMIN_COMMANDS, req.params.name) ? ADMIN_COMMANDS[req.params.name] : undefined;
    if (!command) throw new DomainError('not_found', `No admin command ${req.params.name}.`);
    const args = req.body ?? {};
    if (!command.streams) return { result: await command.run(ctx, args, new PassThrough()) };
    // A streamed result (SAF-T) starts its response with its first bytes, so an error before them is a JSON error.
    const out = new PassThrough();
    const done = command.run(ctx, args, out);
    const first = await Promise.race([
      new Promise<'data'>((res) => out.once('readable', () => res('data'))),
      done.then(() => 'done' as const),
    ]);
    done.then(
      () => out.end(),
      (err: unknown) => out.destroy(err as Error),
    );
    if (first === 'done') out.end();
    return reply.type('application/octet-stream').send(out);
  });
  const file = adminSocketFile(ctx.config.dataDir);
  rmSync(file, { force: true });
  let dirFd: number | undefined;
  const address = adminSocketAddress(ctx.config.dataDir, () => (dirFd = openSync(ctx.config.dataDir, 'r')));
  try {
    await app.listen({ path: address });
  } finally {
    if (dirFd !== undefined) closeSync(dirFd);
  }
  chmodSync(file, 0o600);
  return {
    async close() {
      await app.close();
      rmSync(file, { force: true });
    },
  };
}
