import { issueBearerToken } from '../../../app/billit/issue-bearer-token.js';
import { refreshBearerToken } from '../../../app/billit/refresh-bearer-token.js';
import { revokeBearerToken } from '../../../app/billit/revoke-bearer-token.js';
import { DomainError } from '../../../domain/errors.js';
import { BillitError } from '../billit-error.js';
import type { Call, Route } from '../context.js';

const secretsOf = (c: Call) => c.services.secrets();

const invalidGrant = (description: string) => BillitError.bad('invalid_grant', description);

/**
 * `POST /OAuth2/token` and `/OAuth2/revoke` (JSON or form bodies). Faturador has no login page, so the grant an
 * integrator holds is the API key itself:
 * - `client_credentials`: the key as `client_secret` (or in the `ApiKey` header);
 * - `authorization_code`: the key as `code` (what Billit's login would hand back; `client_id`/`redirect_uri` ignored);
 * - `refresh_token`: a refresh token, used once, for a new pair.
 * Answers `{token_type: "Bearer", expires_in: 3600, access_token, refresh_token}` as Billit does.
 */
export function registerOAuth(route: Route): void {
  route('POST', '/OAuth2/token', { billitAuth: false }, async (c) => {
    const b = c.body;
    const grant = (b.text('grant_type') ?? '').trim().toLowerCase();
    try {
      let token;
      if (grant === 'refresh_token') {
        const refresh = b.text('refresh_token');
        if (!refresh) throw invalidGrant('refresh_token is required.');
        token = await c.tx((tx) => refreshBearerToken(tx, refresh, c.ctx.now));
      } else if (grant === 'client_credentials' || grant === 'authorization_code') {
        const key = grant === 'authorization_code' ? b.text('code') : (b.text('client_secret') ?? c.header('ApiKey'));
        if (!key)
          throw invalidGrant(grant === 'authorization_code' ? 'code is required.' : 'client_secret is required.');
        token = await c.tx((tx) => issueBearerToken(tx, key, secretsOf(c), c.ctx.now));
      } else
        throw BillitError.bad(
          'unsupported_grant_type',
          'grant_type must be client_credentials, authorization_code or refresh_token.',
        );
      c.reply.header('cache-control', 'no-store');
      return {
        token_type: 'Bearer',
        expires_in: token.expiresIn,
        access_token: token.accessToken,
        refresh_token: token.refreshToken,
      };
    } catch (err) {
      if (err instanceof DomainError && err.code === 'unauthenticated') throw invalidGrant(err.message);
      throw err;
    }
  });

  route('POST', '/OAuth2/revoke', { billitAuth: false }, async (c) => {
    const token = c.body.text('token', 'access_token', 'refresh_token');
    if (!token) throw BillitError.bad('invalid_request', 'token is required.');
    await c.tx((tx) => revokeBearerToken(tx, token, c.ctx.now));
    return undefined;
  });
}
