import type { FastifyInstance } from 'fastify';
import type { ApiSurface, Services, SurfaceOptions } from './services.js';

/** Mounts every surface of the list on the main server, under its prefix. */
export async function mountSurfaces(
  app: FastifyInstance,
  services: Services,
  surfaces: readonly ApiSurface[],
): Promise<void> {
  const { config } = services;
  for (const surface of surfaces) {
    const opts: SurfaceOptions = {
      baseUrl: `${config.publicUrl}${surface.prefix}`,
      rateLimitPerMinute: config.rateLimitPerMinute,
    };
    await app.register(async (scope) => surface.register(scope, services, opts), { prefix: surface.prefix });
  }
}
