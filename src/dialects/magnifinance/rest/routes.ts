import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { BODY_LIMIT } from '../../../http/kit/body.js';
import type { DialectKit } from '../../../http/kit/define-dialect.js';
import { withArrays, type SoapValue } from '../../../http/kit/soap/xml-tree.js';
import { MfError } from '../mf-error.js';
import type { MfOperation } from '../operation.js';
import { mfReader } from '../reader.js';
import { type MfObject, type MfOutcome, restResponse } from '../response.js';
import { runMfOperation } from '../run-operation.js';
import { type RestRecord, type RestVocabulary, coerceRest, restVocabulary } from './coerce.js';
import { documentDetails } from './details.js';
import { parseMfJson } from './json.js';

/** Where MagniFinance serves its REST API: `/api/v1.1` (API 2.1) and `/api/v1` (API 2.0, the same routes). */
const MOUNTS = ['/api/v1.1', '/api/v1'];

/** What a REST route needs: the request's input read as the operation's SOAP element, and a way to run one. */
interface RestCall {
  body: RestRecord;
  query: RestRecord;
  run(operation: string, input: RestRecord): Promise<MfOutcome>;
  /** The document's Details (`GET /document`), once an operation found it in the account. */
  details(documentId: number): Promise<MfObject>;
}

type RestHandler = (call: RestCall) => Promise<MfOutcome>;

/**
 * `GET /document`: DocumentGet's Object (DocumentNumber, DownloadUrl) with DocumentGetProperty's payment status
 * (PaymentStatus, TotalAmount, UnpaidAmount), as MagniFinance's REST answers it, and Details. DocumentGet's error
 * (06 until the document is closed and its PDF ready) is the answer.
 */
const getDocument: RestHandler = async ({ query, run, details }) => {
  const got = await run('DocumentGet', query);
  if ('error' in got) return got;
  const property = await run('DocumentGetProperty', { ...query, DocumentProperty: 'paymentstatus' });
  const object = asObject('object' in got ? got.object : null);
  const status = asObject('object' in property ? property.object : null);
  const id = mfReader(query).int('DocumentId') ?? 0;
  return { object: { ...object, ...status, Details: await details(id) } };
};

/** A value of a record by name without case (a parameter the registry does not name keeps its client spelling). */
const pick = (record: RestRecord, ...names: string[]) =>
  names.map((n) => Object.keys(record).find((k) => k.toLowerCase() === n.toLowerCase())).find((k) => k !== undefined);

const asObject = (v: unknown): MfObject => (v && typeof v === 'object' && !Array.isArray(v) ? (v as MfObject) : {});

/**
 * The REST twin's routes (method and path, matched without case) → the registry's operations: the same operation as
 * over SOAP, its input the JSON body or the query string (`?documentId=` is DocumentGet's `DocumentId`).
 */
const ROUTES: Record<string, RestHandler> = {
  'POST /document': ({ body, run }) => run('DocumentCreate', body),
  'GET /document': getDocument,
  'PATCH /document': ({ query, run }) => run('DocumentCancel', query),
  'GET /document/property': ({ query, run }) =>
    run('DocumentGetProperty', {
      ...query,
      DocumentProperty: query[pick(query, 'DocumentProperty', 'Property') ?? ''] ?? 'paymentstatus',
    }),
  'POST /document/waybill': ({ body, run }) => run('WaybillCreate', body),
  // digitaldev-lx posts PartnerInformation's fields bare; the operation reads both forms.
  'POST /partner': ({ body, run }) => run('AddPartner', body),
  'GET /partner/accesstokens': ({ query, run }) => run('GetPartnerAccessTokens', query),
  // The TL;DR page of MagniFinance's REST docs spells it `/partner/tokens?taxId=`.
  'GET /partner/tokens': ({ query, run }) => run('GetPartnerAccessTokens', query),
  'GET /taxidvalidation': ({ query, run }) => run('TaxIdValidation', query),
  // mag.ni/api_v2_1/rest_ippn_client_get: `GET /client?countryCode=PT&taxId=`.
  'GET /client': ({ query, run }) => run('ClientGet', query),
};

/**
 * A REST body: JSON (numbers kept as written), whatever content type the client declared (curl's `--data-raw`
 * sends a form type); an empty body reads as `{}`. Anything else is MagniFinance's 02 in the REST envelope.
 */
function parseBody(_request: FastifyRequest, text: string, done: (err: Error | null, body?: unknown) => void) {
  if (!text.trim()) return done(null, {});
  try {
    return done(null, parseMfJson(text));
  } catch {
    return done(new MfError(2, 'The request body is not valid JSON.'));
  }
}

function send(reply: FastifyReply, outcome: MfOutcome) {
  const status = 'error' in outcome ? outcome.error.status : 200;
  return reply.status(status).type('application/json; charset=utf-8').send(restResponse(outcome));
}

function restHandler(kit: DialectKit, operations: readonly MfOperation[], vocabulary: RestVocabulary) {
  const byName = new Map(operations.map((op) => [op.name, op]));
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const tail = ((request.params as Record<string, string>)['*'] ?? '').replace(/\/+$/, '').toLowerCase();
    const route = ROUTES[`${request.method} /${tail}`];
    if (!route) throw new MfError(6, 'The requested resource was not found.');
    const auth = request.mf?.auth ?? mfReader({});
    const run = async (name: string, input: RestRecord): Promise<MfOutcome> => {
      const op = byName.get(name);
      if (!op) return { error: new MfError(6, `The operation ${name} is not available.`) };
      const element = withArrays(input as SoapValue, op.arrays ?? []);
      return runMfOperation(op, mfReader(element), auth, kit, request, reply);
    };
    const outcome = await route({
      body: coerceRest(request.body, vocabulary),
      query: coerceRest(request.query, vocabulary),
      run,
      details: (id) => documentDetails(kit.db, request.principal?.accountId ?? 0, id),
    });
    return send(reply, outcome);
  };
}

/**
 * MagniFinance's REST API (`/api/v1.1/…`, and `/api/v1/…`) on the surface: headers `email` and `token` (and
 * `password` for partner tokens), read by the surface like SOAP's Authentication, so the kit's authentication,
 * failed-login and rate limits apply alike; each route runs the registry's operation and answers
 * `{RequestId, Object, Type: 0|1, ErrorValue, ErrorHumanReadable, ValidationErrors, IsSuccess, IsError}`.
 */
export async function registerRestRoutes(
  app: FastifyInstance,
  kit: DialectKit,
  operations: readonly MfOperation[],
): Promise<void> {
  const vocabulary = restVocabulary(operations);
  const handler = restHandler(kit, operations, vocabulary);
  for (const mount of MOUNTS)
    await app.register(
      async (api) => {
        api.removeAllContentTypeParsers();
        api.addContentTypeParser('*', { parseAs: 'string', bodyLimit: BODY_LIMIT }, (request, body, done) =>
          parseBody(request, String(body), done),
        );
        // One route per mount, dispatched here: MagniFinance's paths and parameter names are matched without case.
        for (const method of ['GET', 'POST', 'PATCH', 'PUT', 'DELETE']) kit.route(api, method, '/*', {}, handler);
      },
      { prefix: mount },
    );
}
