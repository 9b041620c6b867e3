import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { createApiKey } from '../../app/accounts/create-api-key.js';
import { getAccount } from '../../app/accounts/get-account.js';
import { getSigningKey } from '../../app/accounts/get-signing-key.js';
import { listApiKeys } from '../../app/accounts/list-api-keys.js';
import { revokeApiKey } from '../../app/accounts/revoke-api-key.js';
import { setBankAccount } from '../../app/accounts/set-bank-account.js';
import { COMPANY_LIMITS, updateCompany } from '../../app/accounts/update-company.js';
import { principalOf } from '../kit/request-context.js';
import type { RouteDeps } from './deps.js';
import { IdParams } from './schemas.js';
import { op } from './operation.js';

export const accountRoutes: FastifyPluginAsync<RouteDeps> = async (root, { db }) => {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const acc = (r: Parameters<typeof principalOf>[0]) => principalOf(r).accountId;

  app.get(
    '/account',
    {
      schema: op({
        id: 'getAccount',
        tags: ['account'],
        summary: 'The account of the calling key',
        ok: { status: 200, schema: 'Account', description: 'The account' },
      }),
    },
    async (request) => getAccount(db, acc(request)),
  );
  app.patch(
    '/account',
    {
      schema: {
        ...op({
          id: 'updateAccount',
          tags: ['account'],
          summary: 'Change the account’s company data and bank details (printed on documents issued from now on)',
          ok: { status: 200, schema: 'Account', description: 'The account' },
        }),
        description:
          'An admin key. Null clears a field, an absent field is kept. Issued documents keep the company data they were issued with. The tax id and the country cannot change (422 if they differ): series at AT and signed documents name them. A Portuguese account’s postal code is NNNN-NNN. The IBAN (ISO 13616, check digits and country length) is kept without spaces, upper-case.',
        body: Type.Object(
          {
            legalName: Type.Optional(Type.String({ maxLength: COMPANY_LIMITS.legalName })),
            tradeName: Type.Optional(Type.Union([Type.String({ maxLength: COMPANY_LIMITS.tradeName }), Type.Null()])),
            street: Type.Optional(Type.Union([Type.String({ maxLength: COMPANY_LIMITS.street }), Type.Null()])),
            postalCode: Type.Optional(Type.Union([Type.String({ maxLength: COMPANY_LIMITS.postalCode }), Type.Null()])),
            city: Type.Optional(Type.Union([Type.String({ maxLength: COMPANY_LIMITS.city }), Type.Null()])),
            email: Type.Optional(Type.Union([Type.String({ maxLength: COMPANY_LIMITS.email }), Type.Null()])),
            phone: Type.Optional(Type.Union([Type.String({ maxLength: COMPANY_LIMITS.phone }), Type.Null()])),
            website: Type.Optional(Type.Union([Type.String({ maxLength: COMPANY_LIMITS.website }), Type.Null()])),
            taxId: Type.Optional(
              Type.String({ maxLength: 32, description: 'Refused if it differs from the account’s.' }),
            ),
            country: Type.Optional(
              Type.String({ maxLength: 2, description: 'Refused if it differs from the account’s.' }),
            ),
            iban: Type.Optional(Type.Union([Type.String({ maxLength: 64 }), Type.Null()])),
            bic: Type.Optional(Type.Union([Type.String({ maxLength: 16 }), Type.Null()])),
          },
          { additionalProperties: false, examples: [{ iban: 'BE68 5390 0754 7034', bic: 'GEBABEBB' }] },
        ),
      },
    },
    async (request) =>
      db.transaction().execute(async (tx) => {
        const { iban, bic, ...company } = request.body;
        await updateCompany(tx, acc(request), company);
        return setBankAccount(tx, acc(request), { iban, bic });
      }),
  );

  app.get(
    '/signing-key',
    {
      schema: {
        ...op({
          id: 'getSigningKey',
          tags: ['account'],
          summary: 'The public key of the account’s hash-chain signature (for AT Modelo 24)',
          ok: { status: 200, schema: 'SigningKey', description: 'The public key: PEM, or JSON with format=json' },
          openapi: {
            responses: {
              200: {
                headers: {
                  'X-Key-Version': { description: 'The key version (HashControl)', schema: { type: 'integer' } },
                },
                content: {
                  'application/x-pem-file': { schema: { type: 'string' } },
                  'application/json': { schema: { $ref: '#/components/schemas/SigningKey' } },
                },
              },
            },
          },
        }),
        description:
          'PEM by default, with the key version in the X-Key-Version header; JSON with Accept: application/json or ?format=json.',
        querystring: Type.Object({ format: Type.Optional(Type.Union([Type.Literal('pem'), Type.Literal('json')])) }),
      },
    },
    async (request, reply) => {
      const key = await getSigningKey(db, acc(request));
      reply.header('x-key-version', String(key.version));
      const wantsJson =
        request.query.format === 'json' ||
        (request.query.format !== 'pem' && /application\/json/.test(request.headers.accept ?? ''));
      if (wantsJson) return { keyVersion: key.version, algorithm: 'RSA-SHA1', bits: 1024, publicKey: key.publicPem };
      return reply.type('application/x-pem-file').send(key.publicPem);
    },
  );

  app.get(
    '/api-keys',
    {
      schema: op({
        id: 'listApiKeys',
        tags: ['account'],
        summary: 'The account’s API keys',
        ok: { status: 200, schema: 'ApiKey', array: true, description: 'The keys (never the keys themselves)' },
      }),
    },
    async (request) => listApiKeys(db, acc(request)),
  );
  app.post(
    '/api-keys',
    {
      schema: {
        ...op({
          id: 'createApiKey',
          tags: ['account'],
          summary: 'Create an API key (shown once)',
          ok: { status: 201, schema: 'NewApiKey', description: 'The key, shown only here' },
        }),
        body: Type.Object(
          {
            name: Type.Optional(Type.String({ maxLength: 100 })),
            userId: Type.Optional(Type.Integer({ minimum: 1 })),
            scope: Type.Optional(
              Type.Union([Type.Literal('admin'), Type.Literal('issue'), Type.Literal('read')], {
                description:
                  'admin: keys, webhooks, AT, SMTP, account settings; issue: every other write; read: reads only. Default issue.',
              }),
            ),
          },
          { additionalProperties: false, examples: [{ name: 'ERP' }] },
        ),
      },
    },
    async (request, reply) =>
      reply.status(201).send(await db.transaction().execute((tx) => createApiKey(tx, acc(request), request.body))),
  );
  app.delete(
    '/api-keys/:id',
    {
      schema: {
        ...op({
          id: 'revokeApiKey',
          tags: ['account'],
          summary: 'Revoke an API key',
          ok: { status: 204, description: 'Revoked' },
        }),
        params: IdParams,
      },
    },
    async (request, reply) => {
      await db.transaction().execute((tx) => revokeApiKey(tx, acc(request), request.params.id));
      return reply.status(204).send();
    },
  );
};
