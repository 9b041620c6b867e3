import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { applyStatusCallback } from '../../app/peppol/apply-status-callback.js';
import { deletePeppolSettings } from '../../app/peppol/delete-peppol-settings.js';
import { getPeppolSettings } from '../../app/peppol/get-peppol-settings.js';
import { listPeppolRegistrations } from '../../app/peppol/list-peppol-registrations.js';
import type { ParticipantId } from '../../app/peppol/ports.js';
import { registerParticipants } from '../../app/peppol/register-participants.js';
import { unregisterParticipants } from '../../app/peppol/unregister-participants.js';
import { listDocumentTransmissions } from '../../app/peppol/list-document-transmissions.js';
import { lookupParticipant } from '../../app/peppol/lookup-participant.js';
import { refreshTransmissionStatus } from '../../app/peppol/refresh-transmission-status.js';
import { sendDocumentPeppol } from '../../app/peppol/send-document-peppol.js';
import { setPeppolSettings, type PeppolSettingsInput } from '../../app/peppol/set-peppol-settings.js';
import { statusCallbackUrl } from '../../app/peppol/status-token.js';
import { transmissionView } from '../../app/peppol/transmission-view.js';
import { formatParticipantId, readParticipantId } from '../../domain/einvoice/peppol-ids.js';
import { DomainError, notFound } from '../../domain/errors.js';
import { ctxOf, principalOf } from '../kit/request-context.js';
import { IdParams } from './schemas.js';
import { op } from './operation.js';
import type { RouteDeps } from './deps.js';

const tags = ['peppol'];
const Str = Type.String();
const NStr = Type.Union([Type.String(), Type.Null()]);

const Transmission = Type.Object(
  {
    id: Type.Integer(),
    documentId: Type.Integer(),
    transport: Type.Union([Type.Literal('peppol'), Type.Literal('email')]),
    receiver: NStr,
    status: Type.Union(['queued', 'sent', 'delivered', 'refused', 'failed'].map((s) => Type.Literal(s))),
    strictTransport: Type.Boolean(),
    transmissionId: NStr,
    emailId: Type.Union([Type.Integer(), Type.Null()]),
    reason: NStr,
    attempts: Type.Integer(),
    createdAt: Str,
    updatedAt: Str,
  },
  { description: 'A send of the document: over Peppol, or by e-mail when the receiver is not on Peppol' },
);

const DocumentType = Type.Object({ documentTypeId: Str, processId: Str });

const Registration = Type.Object(
  { participantId: Str, documentTypes: Type.Array(DocumentType), registeredAt: Str },
  { description: 'A participant id the account registered on Peppol through its access point' },
);

const Registrations = Type.Object({ data: Type.Array(Registration) });

const Settings = Type.Object(
  {
    configured: Type.Boolean(),
    kind: Type.Optional(Type.Union([Type.Literal('service-provider'), Type.Literal('gateway')])),
    baseUrl: Type.Optional(NStr),
    registrationId: Type.Optional(NStr),
    apiKeySet: Type.Optional(Type.Boolean()),
    url: Type.Optional(NStr),
    tokenSet: Type.Optional(Type.Boolean()),
    smpUrl: Type.Optional(NStr),
    participantId: Type.Optional(Str),
    statusCallbackSet: Type.Optional(Type.Boolean()),
    statusCallbackUrl: Type.Optional(
      Type.Union([Type.String(), Type.Null()], {
        description:
          'Only in the answer of the PUT that made it (the first one, or rotateStatusToken): give it to the service provider as its status webhook. It is not shown again.',
      }),
    ),
    updatedAt: Type.Optional(Str),
    registrations: Type.Optional(Type.Array(Registration)),
  },
  { description: 'The account’s access point; secrets are write-only' },
);

const SettingsBody = Type.Object(
  {
    kind: Type.Union([Type.Literal('service-provider'), Type.Literal('gateway')], {
      description:
        'service-provider: a Peppol service provider’s HTTP API (Billit’s access-point API shape); gateway: an HTTP front of an AS4 access point that takes an SBDH-wrapped UBL (Oxalis, phase4)',
    }),
    baseUrl: Type.Optional(Type.String({ maxLength: 2000, description: 'service-provider: its API base URL' })),
    apiKey: Type.Optional(
      Type.String({
        maxLength: 2000,
        description: 'service-provider: stored encrypted, never returned; leave out to keep',
      }),
    ),
    registrationId: Type.Optional(
      Type.String({ maxLength: 200, description: 'service-provider: the account’s registration there' }),
    ),
    url: Type.Optional(Type.String({ maxLength: 2000, description: 'gateway: where the SBDH is POSTed' })),
    token: Type.Optional(
      Type.Union([Type.String({ maxLength: 2000 }), Type.Null()], {
        description: 'gateway: Bearer token, stored encrypted, never returned; leave out to keep, null removes it',
      }),
    ),
    smpUrl: Type.Optional(
      Type.Union([Type.String({ maxLength: 2000 }), Type.Null()], {
        description: 'The SMP asked for participant lookups when the access point offers none',
      }),
    ),
    participantId: Type.Optional(
      Type.Union([Type.String({ maxLength: 100 }), Type.Null()], {
        description: 'The account’s own Peppol id; default 0208:<enterprise number> for a Belgian seller',
      }),
    ),
    rotateStatusToken: Type.Optional(Type.Boolean({ description: 'Make a new status-callback URL' })),
  },
  {
    additionalProperties: false,
    examples: [
      { kind: 'service-provider', baseUrl: 'https://api.sandbox.billit.be', apiKey: 'secret', registrationId: '12345' },
    ],
  },
);

const participantIdList = (byDefault: string) =>
  Type.Array(Type.String({ maxLength: 120 }), {
    minItems: 1,
    maxItems: 4,
    description: `The account’s own ids (0208:0123456749, 9925:BE0123456749, BE0123456749 or the bare enterprise number); default: ${byDefault}`,
  });

const RegistrationBody = Type.Object(
  {
    participantIds: Type.Optional(
      participantIdList('its participant id under every scheme it is reached by (0208 and 9925 for a Belgian company)'),
    ),
    documentTypes: Type.Optional(
      Type.Array(
        Type.Object(
          {
            documentTypeId: Type.String({ minLength: 1, maxLength: 500 }),
            processId: Type.String({ minLength: 1, maxLength: 500 }),
          },
          { additionalProperties: false },
        ),
        { minItems: 1, maxItems: 20, description: 'Default: Peppol BIS Billing 3.0 Invoice and CreditNote' },
      ),
    ),
  },
  { additionalProperties: false },
);

const UnregistrationQuery = Type.Object(
  {
    participantIds: Type.Optional(
      Type.String({
        maxLength: 500,
        description:
          'The account’s own ids, comma-separated (0208:0123456749,9925:BE0123456749); default: the ids it registered, ' +
          'else its own under every scheme it is reached by',
      }),
    ),
  },
  { additionalProperties: false },
);

/** The ids of a (un)registration body, read the way the participant lookup reads them. */
function participantIdsOf(raw: string[] | undefined): ParticipantId[] | undefined {
  if (!raw) return undefined;
  return raw.map((v, i) => {
    const read = readParticipantId(v);
    if (!read.ok)
      throw new DomainError('validation', read.reason, [
        { field: `participantIds[${i}]`, issue: 'invalid', message: read.reason, value: v },
      ]);
    return read.id;
  });
}

const Participant = Type.Object({
  participantId: Str,
  registered: Type.Boolean(),
  documentTypes: Type.Array(DocumentType),
  name: Type.Optional(Str),
  cached: Type.Boolean(),
  lookedUpAt: Str,
});

/** Peppol delivery (native API): the account's access point, participant lookup, sending a document, its history. */
export const peppolRoutes: FastifyPluginAsync<RouteDeps> = async (root, { db, services }) => {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const acc = (r: Parameters<typeof principalOf>[0]) => principalOf(r).accountId;
  const settingsJson = async (accountId: number, token: string | null = null) => {
    const s = await getPeppolSettings(db, accountId);
    if (!s) return { configured: false };
    const url = token ? statusCallbackUrl(services.config.publicUrl, token) : null;
    const registrations = await listPeppolRegistrations(db, accountId);
    return { configured: true, ...s, ...(token ? { statusCallbackUrl: url } : {}), registrations };
  };

  app.get(
    '/account/peppol',
    {
      schema: op({
        id: 'getPeppolSettings',
        tags,
        summary: 'The account’s Peppol access point (secrets are never returned)',
        ok: { status: 200, schema: Settings, description: 'The settings; configured=false when none' },
      }),
    },
    async (request) => settingsJson(acc(request)),
  );

  app.put(
    '/account/peppol',
    {
      schema: {
        ...op({
          id: 'setPeppolSettings',
          tags,
          summary: 'Set the account’s Peppol access point: a service provider’s API or an SBDH gateway',
          ok: { status: 200, schema: Settings, description: 'The settings' },
          errors: [409],
        }),
        body: SettingsBody,
      },
    },
    async (request) => {
      const accountId = acc(request);
      const r = await db
        .transaction()
        .execute((tx) =>
          setPeppolSettings(tx, services.peppol().secrets, accountId, request.body as PeppolSettingsInput),
        );
      return settingsJson(accountId, r.statusToken);
    },
  );

  app.delete(
    '/account/peppol',
    {
      schema: op({
        id: 'deletePeppolSettings',
        tags,
        summary: 'Remove the account’s Peppol access point',
        ok: { status: 204, description: 'Removed' },
      }),
    },
    async (request, reply) => {
      const gone = await db.transaction().execute((tx) => deletePeppolSettings(tx, acc(request)));
      if (!gone) throw notFound('peppol settings');
      return reply.status(204).send();
    },
  );

  app.post(
    '/account/peppol/registration',
    {
      schema: {
        ...op({
          id: 'registerPeppolParticipant',
          tags,
          summary: 'Register the account on Peppol through its access point (receive e-invoices)',
          ok: { status: 200, schema: Registrations, description: 'The account’s registrations' },
          errors: [409],
        }),
        description:
          'The access point publishes the ids in its SMP for the document types; each is recorded (shown in GET ' +
          '/v1/account/peppol) and its cached lookups are dropped. A service provider only: a gateway’s SMP is run ' +
          'apart (409). 409 also when the access point refuses or cannot be reached; ids it took before stay registered.',
        body: RegistrationBody,
      },
      // A POST without a body registers the defaults, as `{}` does.
      preValidation: async (request) => {
        request.body ??= {};
      },
    },
    async (request) => {
      const body = request.body;
      const data = await registerParticipants(db, services.peppol(), acc(request), {
        participants: participantIdsOf(body.participantIds),
        documentTypes: body.documentTypes,
      });
      return { data };
    },
  );

  app.delete(
    '/account/peppol/registration',
    {
      schema: {
        ...op({
          id: 'unregisterPeppolParticipant',
          tags,
          summary: 'Remove the account’s Peppol registration at its access point',
          ok: { status: 200, schema: Registrations, description: 'The registrations left' },
          errors: [409],
        }),
        description:
          'The access point removes the ids from its SMP; each is no longer recorded and its cached lookups are dropped. ' +
          '409 for a gateway, or when the access point refuses or cannot be reached.',
        querystring: UnregistrationQuery,
      },
    },
    async (request) => {
      const asked = request.query.participantIds?.split(',').map((v) => v.trim());
      const data = await unregisterParticipants(db, services.peppol(), acc(request), {
        participants: participantIdsOf(asked),
      });
      return { data };
    },
  );

  app.get(
    '/peppol/participants/:participantId',
    {
      schema: {
        ...op({
          id: 'lookupPeppolParticipant',
          tags,
          summary: 'Is a company on Peppol, and for which document types',
          ok: { status: 200, schema: Participant, description: 'The lookup' },
          errors: [409],
        }),
        description:
          'The id as 0208:0123456749, 9925:BE0123456749, BE0123456749 or a bare enterprise number. A Belgian company is looked ' +
          'up under 0208, then 9925. Through the access point’s lookup where it has one, else the SMP of the settings; answers ' +
          'are cached.',
        params: Type.Object({ participantId: Type.String({ maxLength: 120 }) }),
      },
    },
    async (request) => {
      const read = readParticipantId(request.params.participantId);
      if (!read.ok)
        throw new DomainError('validation', read.reason, [
          { field: 'participantId', issue: 'invalid', message: read.reason, value: request.params.participantId },
        ]);
      const r = await lookupParticipant(db, services.peppol(), acc(request), read.id, new Date());
      return {
        participantId: formatParticipantId(r.participant),
        registered: r.registered,
        documentTypes: r.documentTypes,
        ...(r.name ? { name: r.name } : {}),
        cached: r.cached,
        lookedUpAt: r.lookedUpAt,
      };
    },
  );

  app.post(
    '/documents/:id/peppol',
    {
      schema: {
        ...op({
          id: 'sendDocumentPeppol',
          tags,
          summary: 'Send the document over Peppol (queued: validated, wrapped and transmitted in the background; 202)',
          ok: { status: 202, schema: Transmission, description: 'The queued transmission' },
          errors: [409],
        }),
        description:
          'For a finalized invoice, credit or debit note. Its Peppol UBL is validated (a fatal finding stops it: refused), then ' +
          'handed to the account’s access point; transport faults are retried. When the receiver is not on Peppol the document ' +
          'is e-mailed to the customer with the UBL attached, unless strictTransport (then refused, "receiver not on Peppol"). ' +
          'Follow it in GET /v1/documents/{id}/peppol or the document.peppol.* webhooks.',
        params: IdParams,
        body: Type.Optional(
          Type.Object(
            {
              strictTransport: Type.Optional(
                Type.Boolean({ description: 'Peppol or nothing: no e-mail fallback (default false)' }),
              ),
            },
            { additionalProperties: false },
          ),
        ),
      },
    },
    async (request, reply) => {
      const ctx = ctxOf(request);
      const row = await db
        .transaction()
        .execute((tx) => sendDocumentPeppol(tx, ctx, request.params.id, request.body ?? {}));
      services.pokeWorker();
      return reply.status(202).send(transmissionView(row));
    },
  );

  app.get(
    '/documents/:id/peppol',
    {
      schema: {
        ...op({
          id: 'listDocumentPeppol',
          tags,
          summary: 'The document’s Peppol sends, the latest first',
          ok: {
            status: 200,
            schema: Type.Object({ data: Type.Array(Transmission) }),
            description: 'The transmissions',
          },
        }),
        params: IdParams,
        querystring: Type.Object({
          refresh: Type.Optional(
            Type.Boolean({
              description:
                'Ask the access point for the state of a transmission still `sent` first (when its status webhook is not set up)',
            }),
          ),
        }),
      },
    },
    async (request) => {
      const accountId = acc(request);
      const transmissions = await listDocumentTransmissions(db, accountId, request.params.id);
      if (!request.query.refresh || transmissions[0]?.status !== 'sent')
        return { data: transmissions.map(transmissionView) };
      await refreshTransmissionStatus(db, services.peppol(), accountId, request.params.id);
      return { data: (await listDocumentTransmissions(db, accountId, request.params.id)).map(transmissionView) };
    },
  );
};
