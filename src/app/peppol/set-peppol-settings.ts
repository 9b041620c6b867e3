import { sql } from 'kysely';
import { partyIds } from '../../domain/einvoice/identifiers.js';
import { DomainError, IssueCollector } from '../../domain/errors.js';
import type { Tx } from '../context.js';
import type { SecretSealer } from '../email/ports.js';
import { formatParticipantId, parseParticipantId } from '../../domain/einvoice/peppol-ids.js';
import { peppolSecretContext } from './peppol-secret-context.js';
import { newStatusToken } from './status-token.js';

export type PeppolSettingsInput =
  | {
      kind: 'service-provider';
      baseUrl: string;
      /** Stored sealed, never returned. Absent: keep the stored one. */
      apiKey?: string;
      registrationId: string;
      smpUrl?: string | null;
      participantId?: string | null;
      rotateStatusToken?: boolean;
    }
  | {
      kind: 'gateway';
      url: string;
      /** Stored sealed, never returned. Absent: keep the stored one; null: none. */
      token?: string | null;
      smpUrl?: string | null;
      participantId?: string | null;
      rotateStatusToken?: boolean;
    };

const httpUrl = (v: unknown): string | null => {
  if (typeof v !== 'string') return null;
  try {
    const u = new URL(v.trim());
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.toString().replace(/\/+$/, '') : null;
  } catch {
    return null;
  }
};

/**
 * Sets (replaces) the account's access point. Secrets are sealed (a missing secret key is a 409, as for SMTP);
 * the account's own participant id defaults to its electronic address (`0208:<enterprise number>` for a Belgian
 * seller, einvoice.md §4.2). The first save (or `rotateStatusToken`) makes the status-callback secret: its token is
 * returned once, for the caller to give to the service provider.
 */
export async function setPeppolSettings(
  tx: Tx,
  secrets: SecretSealer,
  accountId: number,
  input: PeppolSettingsInput,
): Promise<{ statusToken: string | null }> {
  const c = new IssueCollector();
  const kind = input.kind;
  if (kind !== 'service-provider' && kind !== 'gateway')
    c.add('kind', 'invalid', 'service-provider or gateway.', String(kind));
  const baseUrl = kind === 'service-provider' ? httpUrl(input.baseUrl) : null;
  if (kind === 'service-provider' && !baseUrl) c.add('baseUrl', 'invalid', 'An http(s) URL.');
  const url = kind === 'gateway' ? httpUrl(input.url) : null;
  if (kind === 'gateway' && !url) c.add('url', 'invalid', 'An http(s) URL.');
  const registrationId = kind === 'service-provider' ? String(input.registrationId ?? '').trim() : null;
  if (kind === 'service-provider' && !registrationId)
    c.add('registrationId', 'required', 'The account’s registration at the service provider.');
  const smpUrl = input.smpUrl == null ? null : httpUrl(input.smpUrl);
  if (input.smpUrl != null && !smpUrl) c.add('smpUrl', 'invalid', 'An http(s) URL.');
  let participant: string | null = null;
  if (input.participantId != null) {
    const p = parseParticipantId(input.participantId);
    if (!p) c.add('participantId', 'invalid', 'A participant id such as 0208:0123456789.', input.participantId);
    else participant = formatParticipantId(p);
  }
  const secret = kind === 'service-provider' ? input.apiKey : input.token;
  if (typeof secret === 'string' && (secret.length === 0 || secret.length > 2000))
    c.add(kind === 'service-provider' ? 'apiKey' : 'token', 'invalid', 'Between 1 and 2000 characters.');
  c.throwIfAny('The access-point settings have invalid fields.');

  const account = await tx
    .selectFrom('accounts')
    .select(['country', 'tax_id'])
    .where('id', '=', accountId)
    .executeTakeFirstOrThrow();
  if (!participant) {
    const own = partyIds(account.country, account.tax_id).endpoint;
    if (!own)
      throw new DomainError('validation', 'The account has no electronic address: give participantId.', [
        { field: 'participantId', issue: 'required', message: 'A participant id such as 0208:0123456789.' },
      ]);
    participant = `${own.scheme}:${own.id}`;
  }
  const current = await tx
    .selectFrom('peppol_settings')
    .selectAll()
    .where('account_id', '=', accountId)
    .forUpdate()
    .executeTakeFirst();
  const seal = (plain: string) => {
    const reason = secrets.unavailableReason();
    if (reason)
      throw new DomainError(
        'secret_key_not_configured',
        `The access-point secret cannot be stored: ${reason.replace(/AT credentials/g, 'secrets')}`,
      );
    return secrets.seal(plain, peppolSecretContext(accountId));
  };
  const sameKind = current?.kind === kind;
  let apiKeySealed: string | null = null;
  let tokenSealed: string | null = null;
  if (kind === 'service-provider') {
    if (typeof input.apiKey === 'string') apiKeySealed = seal(input.apiKey);
    else if (sameKind) apiKeySealed = current.api_key_sealed;
    if (!apiKeySealed)
      throw new DomainError('validation', 'A service provider needs its API key.', [
        { field: 'apiKey', issue: 'required', message: 'The API key of the service provider.' },
      ]);
  } else if (typeof input.token === 'string') tokenSealed = seal(input.token);
  else if (input.token === undefined && sameKind) tokenSealed = current.token_sealed;

  let statusToken: string | null = null;
  let statusHash = current?.status_token_hash ?? null;
  if (!statusHash || input.rotateStatusToken) {
    const t = newStatusToken(accountId);
    statusToken = t.token;
    statusHash = t.hash;
  }
  const values = {
    kind,
    base_url: baseUrl,
    api_key_sealed: apiKeySealed,
    registration_id: registrationId,
    url,
    token_sealed: tokenSealed,
    smp_url: smpUrl,
    participant_id: participant,
    status_token_hash: statusHash,
    updated_at: sql<string>`now()` as unknown as string,
  };
  await tx
    .insertInto('peppol_settings')
    .values({ account_id: accountId, ...values })
    .onConflict((oc) => oc.column('account_id').doUpdateSet(values))
    .execute();
  return { statusToken };
}
