import type { FastifyInstance } from 'fastify';
import type { Config, DialectName } from '../config.js';
import { standaloneServer } from '../http/kit/standalone.js';
import type { ApiSurface, Services } from './services.js';

/** A surface's rate limit, and for a dialect its own port (the native API's limit is RATE_LIMIT_PER_MINUTE). */
function settingsOf(surface: ApiSurface, config: Config): { rateLimitPerMinute: number; port?: number } {
  if (surface.name === 'native') return { rateLimitPerMinute: config.rateLimitPerMinute };
  const dialect = config.dialects[surface.name as DialectName];
  if (!dialect) throw new Error(`No configuration for the API surface ${surface.name} (config.dialects)`);
  return dialect;
}

/** The origin of another port of this server as clients reach it: PUBLIC_URL with the port replaced. */
function originOf(publicUrl: string, port: number): string {
  const url = new URL(publicUrl);
  url.port = String(port);
  return url.origin;
}

/**
 * Mounts every surface of the list on the main server under its prefix and, when its configuration names a port,
 * at the root of that port too (listening and closing with the main server).
 */
export async function mountSurfaces(
  app: FastifyInstance,
  services: Services,
  surfaces: readonly ApiSurface[],
): Promise<void> {
  const { config } = services;
  for (const surface of surfaces) {
    const { rateLimitPerMinute, port } = settingsOf(surface, config);
    const baseUrl = `${config.publicUrl}${surface.prefix}`;
    await app.register(async (scope) => surface.register(scope, services, { baseUrl, rateLimitPerMinute }), {
      prefix: surface.prefix,
    });
    if (!port) continue;
    const own = await standaloneServer(surface, services, {
      port,
      host: config.host,
      baseUrl: originOf(config.publicUrl, port),
      rateLimitPerMinute,
      logger: app.log,
    });
    app.addHook('onListen', async () => {
      await own.listen();
    });
    app.addHook('onClose', async () => {
      await own.close();
    });
  }
}
