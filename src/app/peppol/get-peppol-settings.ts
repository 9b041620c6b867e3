import type { Tx } from '../context.js';

/** The account's access point as API callers see it: never a secret, only whether one is stored. Null: none set. */
export async function getPeppolSettings(tx: Tx, accountId: number) {
  const s = await tx.selectFrom('peppol_settings').selectAll().where('account_id', '=', accountId).executeTakeFirst();
  if (!s) return null;
  return {
    kind: s.kind,
    ...(s.kind === 'service-provider'
      ? { baseUrl: s.base_url, registrationId: s.registration_id, apiKeySet: !!s.api_key_sealed }
      : { url: s.url, tokenSet: !!s.token_sealed }),
    smpUrl: s.smp_url,
    participantId: s.participant_id,
    statusCallbackSet: !!s.status_token_hash,
    updatedAt: new Date(s.updated_at).toISOString(),
  };
}
