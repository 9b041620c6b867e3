import multipart from '@fastify/multipart';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { ApiSurface } from '../../server/services.js';
import { installNativeAuth } from '../native-auth.js';
import { installInputGuards } from '../input-guards.js';
import { installNativeErrorHandling } from '../native-errors.js';
import { documentRoutes } from './documents.routes.js';
import { documentPreviewRoutes } from './document-preview.routes.js';
import { partyRoutes } from './parties.routes.js';
import { catalogRoutes } from './catalog.routes.js';
import { accountRoutes } from './account.routes.js';
import { pdfRoutes } from './pdf.routes.js';
import { atRoutes } from './at.routes.js';
import { saftRoutes } from './saft.routes.js';
import { emailRoutes } from './email.routes.js';
import { webhookRoutes } from './webhooks.routes.js';
import { einvoiceRoutes } from './einvoice.routes.js';
import { einvoiceValidateRoutes } from './einvoice-validate.routes.js';
import { peppolRoutes } from './peppol.routes.js';
import { inboxRoutes } from './inbox.routes.js';
import { importRoutes } from './imports.routes.js';
import { locationOfCreated } from './location.js';
import type { RouteDeps } from './deps.js';

/** The native REST API under /v1: Bearer API keys, one error envelope, a rate limit per key. */
export const nativeSurface: ApiSurface = {
  name: 'native',
  prefix: '/v1',
  async register(root, services, { rateLimitPerMinute }) {
    const app = root.withTypeProvider<TypeBoxTypeProvider>();
    installNativeErrorHandling(app);
    // NOTE: response schemas document the answers; they must not filter or coerce them (fast-json-stringify drops
    // undeclared fields and turns null into "" for a plain string), so answers are serialized as they are built.
    // test/api/openapi.test.ts checks every answer of a full scenario against its schema.
    app.setSerializerCompiler(() => (data) => JSON.stringify(data));
    app.addHook('onSend', locationOfCreated);
    installNativeAuth(app, services.database.db, {
      rateLimitPerMinute,
      authFailuresPerMinute: services.config.authFailuresPerMinute,
    });
    installInputGuards(app);
    // multipart/form-data for POST /v1/imports (a spreadsheet upload); the route sets the size limits.
    await app.register(multipart);
    const deps: RouteDeps = {
      db: services.database.db,
      batcher: services.batcher,
      config: services.config,
      services,
    };
    await app.register(documentRoutes, deps);
    await app.register(documentPreviewRoutes, deps);
    await app.register(partyRoutes, deps);
    await app.register(catalogRoutes, deps);
    await app.register(accountRoutes, deps);
    await app.register(pdfRoutes, deps);
    await app.register(atRoutes, deps);
    await app.register(saftRoutes, deps);
    await app.register(emailRoutes, deps);
    await app.register(webhookRoutes, deps);
    await app.register(einvoiceRoutes, deps);
    await app.register(einvoiceValidateRoutes, deps);
    await app.register(peppolRoutes, deps);
    await app.register(inboxRoutes, deps);
    await app.register(importRoutes, deps);
  },
};
