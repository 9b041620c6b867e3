import type { FastifyReply, FastifyRequest } from 'fastify';
import { scopeAllows } from '../../domain/api-key-scope.js';
import type { DialectKit } from '../../http/kit/define-dialect.js';
import { toDomainError } from '../../http/kit/errors.js';
import { scopeRefusal } from '../../http/kit/scopes.js';
import { mfErrorOf } from './domain-errors.js';
import { withSentValues } from './field-value.js';
import { MfError } from './mf-error.js';
import type { MfCall, MfOperation } from './operation.js';
import type { MfReader } from './reader.js';
import type { MfOutcome } from './response.js';
import { mfBaseUrl } from './auth.js';

/** An error as MagniFinance's business error, or undefined when it is none (an unexpected failure). */
export function asMfError(err: unknown): MfError | undefined {
  if (err instanceof MfError) return err;
  const domain = toDomainError(err);
  return domain ? mfErrorOf(domain, (err as { statusCode?: number }).statusCode === 429) : undefined;
}

/**
 * Runs an operation for an authenticated request (the kit authenticated its key; the dialect checked its e-mail),
 * in either transport: the key's scope, then the operation. Business errors become the outcome; anything else is
 * thrown (the transport answers its internal error).
 */
export async function runMfOperation(
  op: MfOperation,
  input: MfReader,
  auth: MfReader,
  kit: DialectKit,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<MfOutcome> {
  try {
    const principal = request.principal;
    if (!principal) throw MfError.unauthenticated();
    if (!scopeAllows(principal.scope, op.scope)) throw new MfError(1, scopeRefusal(principal.scope, op.scope));
    const accountId = principal.accountId;
    const call: MfCall = {
      request,
      reply,
      principal,
      ctx: kit.ctx(request),
      accountId,
      db: kit.db,
      tx: kit.tx,
      docTx: (fn) => kit.docTx(accountId, fn),
      writes: kit.services.batcher,
      kit,
      auth,
      baseUrl: mfBaseUrl(request, kit),
    };
    return { object: await op.run(input, call) };
  } catch (err) {
    const mf = asMfError(err);
    if (!mf) throw err;
    return { error: withSentValues(mf, input.data) };
  }
}
