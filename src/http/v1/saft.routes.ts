import { PassThrough } from 'node:stream';
import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { getSaftAccount } from '../../app/saft/get-saft-account.js';
import { exportSaft } from '../../exports/saft/export-saft.js';
import { checkSaftIssuer } from '../../exports/saft/header.js';
import { saftFileName, saftPeriod } from '../../exports/saft/period.js';
import { saftSoftware } from '../../exports/saft/software.js';
import { principalOf } from '../kit/request-context.js';
import type { RouteDeps } from './deps.js';
import { op } from './operation.js';

const SaftQuery = Type.Object({
  from: Type.Optional(Type.String({ maxLength: 10, description: 'First day, YYYY-MM-DD' })),
  to: Type.Optional(Type.String({ maxLength: 10, description: 'Last day, YYYY-MM-DD (same year as from)' })),
  month: Type.Optional(Type.Integer({ description: '1–12, with year: a calendar month' })),
  year: Type.Optional(Type.Integer()),
});

export const saftRoutes: FastifyPluginAsync<RouteDeps> = async (root, { db, config }) => {
  const software = saftSoftware(config.software);
  const app = root.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/saft',
    {
      schema: {
        ...op({
          id: 'exportSaft',
          tags: ['saft'],
          summary: 'The SAF-T (PT) 1.04_01 file of a period, streamed',
          ok: { status: 200, description: 'The SAF-T file' },
          errors: [409],
          openapi: {
            responses: {
              200: {
                headers: {
                  'Content-Disposition': {
                    description: 'attachment; filename="SAFT_…xml"',
                    schema: { type: 'string' },
                  },
                },
                content: { 'application/xml': { schema: { type: 'string', contentMediaType: 'application/xml' } } },
              },
            },
          },
        }),
        description:
          'Give from and to, or month and year. Issued documents only (cancelled ones with status A); drafts and opening balances are never exported.',
        querystring: SaftQuery,
      },
    },
    async (request, reply) => {
      const accountId = principalOf(request).accountId;
      // Everything that can be refused is checked before the first byte: after it, the status is 200.
      const period = saftPeriod(request.query);
      const account = await getSaftAccount(db, accountId);
      checkSaftIssuer(account);
      const body = new PassThrough();
      const now = new Date();
      db.transaction()
        .setIsolationLevel('repeatable read')
        .execute((tx) => exportSaft(tx, accountId, body, { period, now, software }))
        .then(
          () => body.end(),
          (err: unknown) => {
            request.log.error({ err }, 'SAF-T export failed');
            body.destroy(err instanceof Error ? err : new Error(String(err)));
          },
        );
      return reply
        .type('application/xml; charset=utf-8')
        .header('content-disposition', `attachment; filename="${saftFileName(account.tax_id, period)}"`)
        .send(body);
    },
  );
};
