import type { FastifyRequest } from 'fastify';
import { resolveBearerToken } from '../../app/billit/resolve-bearer-token.js';
import type { DialectKit } from '../../http/kit/define-dialect.js';
import { bearerToken } from '../../http/kit/request-context.js';
import { BillitError } from './billit-error.js';
import { type BillitRouteConfig, headerOf } from './context.js';

/** Access tokens of `POST /OAuth2/token` start so; any other bearer value is taken as an API key. */
export const ACCESS_TOKEN_PREFIX = 'bit_';

/**
 * Before authentication: a bearer access token is exchanged for the API key it was issued for (the kit then
 * authenticates that key as usual). Billit's codes answer a token that is unknown, expired or revoked (docs.billit.be
 * "OAuth": InvalidAccessToken, AccessTokenExpired, AccessTokenRevoked). An `ApiKey` header wins over a bearer.
 */
export async function resolveBearer(request: FastifyRequest, kit: DialectKit): Promise<void> {
  if ((request.routeOptions?.config as BillitRouteConfig | undefined)?.billitAuth === false) return;
  if (headerOf(request, 'ApiKey')) return;
  const bearer = bearerToken(request);
  if (!bearer?.startsWith(ACCESS_TOKEN_PREFIX)) return;
  const r = await resolveBearerToken(kit.db, bearer, kit.services.secrets(), new Date());
  if (r.state === 'valid') {
    request.billitCredential = r.apiKey;
    return;
  }
  if (r.state === 'expired') throw BillitError.unauthorizedAs('AccessTokenExpired', 'The access token has expired.');
  if (r.state === 'revoked') throw BillitError.unauthorizedAs('AccessTokenRevoked', 'The access token was revoked.');
  throw BillitError.unauthorizedAs('InvalidAccessToken', 'The access token is not valid.');
}
