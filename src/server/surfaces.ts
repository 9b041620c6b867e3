import type { FastifyInstance } from 'fastify';
import { nativeSurface } from '../http/v1/index.js';
import { dialectOpenapi } from '../http/dialect-openapi.js';
import { instrumentServer } from '../http/metrics.js';
import { billptOpenapi } from '../dialects/billpt/openapi.js';
import { billptDialect } from '../dialects/billpt/index.js';
import { billptStandalone } from '../dialects/billpt/standalone.js';
import { invoicexpressOpenapi } from '../dialects/invoicexpress/openapi.js';
import { invoicexpressDialect } from '../dialects/invoicexpress/index.js';
import { invoicexpressStandalone } from '../dialects/invoicexpress/standalone.js';
import type { ApiSurface, Services } from './services.js';

/** Every API the server mounts, in order. */
export const SURFACES: readonly ApiSurface[] = [nativeSurface];

/** The dialects' OpenAPI documents and docs pages (`/billpt/openapi.json`…): registered before the dialects. */
export function installDialectOpenapi(app: FastifyInstance, services: Services): void {
  dialectOpenapi(app, services.config.publicUrl, [billptOpenapi, invoicexpressOpenapi]);
}

/** TEMPORARY (#11): the dialects' plugins, until they are surfaces of the list above. */
export async function mountLegacyDialects(app: FastifyInstance, services: Services): Promise<void> {
  const { config, database } = services;
  // Compatibility dialects: bill.pt under /billpt (and at the root of BILLPT_PORT when set).
  await app.register(billptDialect, { prefix: '/billpt', db: database.db, config, dbKind: database.kind });
  if (config.billptPort) {
    const billpt = await billptStandalone({
      db: database.db,
      config,
      dbKind: database.kind,
      logger: app.log,
      onWrite: () => services.pokeWorker(),
    });
    instrumentServer(billpt, services.metrics);
    app.addHook('onListen', async () => {
      await billpt.listen({ host: config.host, port: config.billptPort });
    });
    app.addHook('onClose', async () => {
      await billpt.close();
    });
  }
  // InvoiceXpress under /invoicexpress (and at the root of INVOICEXPRESS_PORT when set).
  await app.register(invoicexpressDialect, {
    prefix: '/invoicexpress',
    db: database.db,
    config,
    dbKind: database.kind,
    baseUrl: `${config.publicUrl}/invoicexpress`,
  });
  if (config.invoicexpressPort) {
    const ixUrl = new URL(config.publicUrl);
    ixUrl.port = String(config.invoicexpressPort);
    const ix = await invoicexpressStandalone({
      db: database.db,
      config,
      dbKind: database.kind,
      baseUrl: ixUrl.origin,
      logger: app.log,
      onWrite: () => services.pokeWorker(),
    });
    instrumentServer(ix, services.metrics);
    app.addHook('onListen', async () => {
      await ix.listen({ host: config.host, port: config.invoicexpressPort });
    });
    app.addHook('onClose', async () => {
      await ix.close();
    });
  }
}
