import { getPartnerAccessTokens } from '../../../app/partners/get-partner-access-tokens.js';
import { DomainError } from '../../../domain/errors.js';
import { MfError } from '../mf-error.js';
import type { MfCall, MfOperation } from '../operation.js';
import { mfComplex, mfField } from '../wsdl-types.js';

const ACCESS_TOKEN = mfComplex('APIAccessTokenBase', [mfField('AccessToken'), mfField('Description')]);

/** Runs the password check under the surface's failed-authentication limit (a wrong password counts as a failure). */
const guarded = <T>(call: MfCall, fn: () => Promise<T>) => call.kit.guardAuth(call.request, call.reply, fn);

/**
 * IPPN GetPartnerAccessTokens(SpecialAuthentication{Email,Token,Password}, PartnerTaxId): the tokens that invoice
 * as the partner, each to be sent as `Token` with the partner's user e-mail as `Email`. The password is the caller's
 * user's; the tokens are the same at every call (kept sealed) unless revoked. A tax id that is not the caller's
 * partner is 38 PartnershipNotFound. MagniFinance's page names the parameter CompanyTaxId in its table and
 * PartnerTaxId in its sample: both are read (REST: `partnerTaxId`).
 */
export const partnerAccessTokensOperation: MfOperation = {
  name: 'GetPartnerAccessTokens',
  service: 'invoicing',
  auth: 'SpecialAuthentication',
  scope: 'admin',
  response: 'ResponseGetPartnerAccessTokens',
  wsdl: {
    doc: "Returns the access tokens of a partner (SpecialAuthentication: your user's password too).",
    input: [mfField('PartnerTaxId'), mfField('CompanyTaxId')],
    output: { kind: 'array', name: 'ArrayOfAPIAccessTokenBase', item: 'APIAccessTokenBase', of: ACCESS_TOKEN },
  },
  async run(input, call) {
    const taxId = input.str('PartnerTaxId', 'CompanyTaxId', 'TaxId');
    if (!taxId) input.problem('PartnerTaxId', 'Required', 'PartnerTaxId is required.');
    input.check();
    const password = call.auth.text('Password') ?? '';
    const secrets = call.kit.services.secrets();
    try {
      // A wrong password is the surface's authentication error, counted against the caller's address.
      const tokens = await guarded(call, async () => {
        try {
          return await call.tx((tx) =>
            getPartnerAccessTokens(
              tx,
              { accountId: call.accountId, userId: call.principal.userId },
              { password, partnerTaxId: taxId! },
              secrets,
            ),
          );
        } catch (err) {
          if (err instanceof DomainError && err.code === 'unauthenticated')
            throw MfError.unauthenticated('Authentication failed: the password is not the one of the e-mail.');
          throw err;
        }
      });
      return tokens.map((t) => ({ AccessToken: t.token, Description: t.description }));
    } catch (err) {
      if (err instanceof DomainError && err.code === 'not_found')
        throw MfError.field('PartnerTaxId', 'PartnershipNotFound', `No partner with tax id ${taxId}.`, taxId, 38);
      throw err;
    }
  },
};
