import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { applyStatusCallback } from '../../app/peppol/apply-status-callback.js';
import type { ApiSurface } from '../../server/services.js';
import { installNativeErrorHandling } from '../native-errors.js';
import { op } from './operation.js';

/**
 * The access point's status webhook, `POST /v1/peppol/status/{token}`: the service provider holds no API key of
 * ours, so the route sits outside the native API's key hooks (its own surface under the native one's name and rate
 * limit); the secret token in the path, given once by PUT /v1/account/peppol, names and authenticates the account.
 */
export const peppolStatusSurface: ApiSurface = {
  name: 'native',
  prefix: '/v1/peppol/status',
  async register(root, services) {
    const app = root.withTypeProvider<TypeBoxTypeProvider>();
    installNativeErrorHandling(app);
    app.setSerializerCompiler(() => (data) => JSON.stringify(data));
    app.post(
      '/:token',
      {
        schema: {
          ...op({
            id: 'peppolStatusCallback',
            tags: ['peppol'],
            summary: 'Status webhook of the account’s Peppol access point (authenticated by the secret URL)',
            ok: { status: 204, description: 'Taken' },
          }),
          security: [],
          params: Type.Object({ token: Type.String({ maxLength: 200 }) }),
          body: Type.Unknown(),
        },
      },
      async (request, reply) => {
        const db = services.database.db;
        await db
          .transaction()
          .execute((tx) => applyStatusCallback(tx, services.peppol(), request.params.token, request.body));
        services.pokeWorker();
        return reply.status(204).send();
      },
    );
  },
};
