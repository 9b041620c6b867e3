import type { FastifyReply, FastifyRequest } from 'fastify';
import type { DialectKit } from '../../http/kit/define-dialect.js';
import { soapEnvelopeOf } from '../../http/kit/soap/index.js';
import { emailGoesWithKey } from '../../app/partners/email-goes-with-key.js';
import { MfError } from './mf-error.js';
import type { MfAuth, MfOperation } from './operation.js';
import { type MfReader, mfReader } from './reader.js';

/** The credentials a MagniFinance request carries: `{Email, Token}` (+ `Password` for partner tokens). */
export interface MfCredentials {
  email?: string;
  token?: string;
  password?: string;
  /** The credentials element as sent (SOAP), or the headers (REST). */
  auth: MfReader;
  /** The SOAP operation the envelope names, when it is one of the service at that path. */
  operation?: MfOperation;
}

declare module 'fastify' {
  interface FastifyRequest {
    mf?: MfCredentials;
  }
}

/** Per-route settings of the MagniFinance surface's REST routes. */
export interface MfRouteConfig {
  /** Answered without credentials (the PDF download, whose signed URL is the credential). */
  mfPublic?: boolean;
}

const AUTH_ELEMENTS: readonly MfAuth[] = ['Authentication', 'SpecialAuthentication', 'authentication'];

function credentialsOf(auth: MfReader, operation?: MfOperation): MfCredentials {
  return { email: auth.str('Email'), token: auth.str('Token'), password: auth.str('Password'), auth, operation };
}

const header = (request: FastifyRequest, name: string): string | undefined => {
  const v = request.headers[name];
  const s = Array.isArray(v) ? v[0] : v;
  return s?.trim() || undefined;
};

/**
 * Reads the credentials before the kit authenticates (preValidation): over SOAP from the operation's credentials
 * element in the envelope (read once; a message that does not read leaves none, and the transport answers its
 * fault), over REST from the `email`, `token` and `password` headers.
 */
export function readCredentials(
  request: FastifyRequest,
  operationsAt: (request: FastifyRequest) => readonly MfOperation[],
) {
  const config = (request.routeOptions.config ?? {}) as { soap?: boolean; soapWsdl?: boolean };
  if (config.soapWsdl) return;
  if (!config.soap) {
    const auth = mfReader({
      Email: header(request, 'email'),
      Token: header(request, 'token'),
      Password: header(request, 'password'),
    });
    request.mf = credentialsOf(auth);
    return;
  }
  let body: unknown;
  let name: string;
  try {
    const envelope = soapEnvelopeOf(request);
    body = envelope.body;
    name = envelope.operation;
  } catch {
    return;
  }
  const operation = operationsAt(request).find((op) => op.name === name);
  const input = mfReader(body);
  const element = operation?.auth ?? AUTH_ELEMENTS.find((e) => input.has(e));
  request.mf = credentialsOf((element && input.sub(element)) || mfReader({}), operation);
}

/**
 * MagniFinance's `Email` must be the e-mail of the user whose key `Token` is (any letter case), or, with a partner's
 * token, of a user of the integrator that created the partner (IPPN clients send their own e-mail with each partner's
 * token): a key alone with another e-mail is an authentication error, counted against the address like a bad key.
 */
export async function checkEmail(request: FastifyRequest, reply: FastifyReply, kit: DialectKit): Promise<void> {
  const principal = request.principal;
  if (!principal || !request.mf) return;
  const email = request.mf.email;
  await kit.guardAuth(request, reply, async () => {
    if (!(await emailGoesWithKey(kit.db, principal, email)))
      throw MfError.unauthenticated("Authentication failed: the e-mail is not the one of the token's user.");
  });
}

/**
 * The API's base URL as the client reached it: the request's scheme and host, and the path the surface is mounted
 * at (from its configured base URL: `/magnifinance` on the main server, nothing on MAGNIFINANCE_PORT).
 */
export function mfBaseUrl(request: FastifyRequest, kit: DialectKit): string {
  let mount = '';
  try {
    mount = new URL(kit.options.baseUrl).pathname.replace(/\/+$/, '');
  } catch {
    mount = '';
  }
  return `${request.protocol}://${request.host}${mount}`;
}
