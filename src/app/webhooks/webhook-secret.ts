import { randomBytes } from 'node:crypto';
import { DomainError } from '../../domain/errors.js';
import type { SecretSealer } from '../email/ports.js';

/** A new signing secret: `whsec_` and 32 random bytes (base64url). */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

/** What lists show of a secret: enough to tell two apart, nothing to sign with. */
export function secretHint(secret: string): string {
  return `whsec_…${secret.slice(-4)}`;
}

export function webhookSecretContext(accountId: number): string {
  return `webhook-secret:${accountId}`;
}

export function sealWebhookSecret(secrets: SecretSealer, accountId: number, secret: string): string {
  const reason = secrets.unavailableReason();
  if (reason)
    throw new DomainError(
      'secret_key_not_configured',
      `Webhook signing secrets are stored encrypted and cannot be: ${reason.replace(/AT credentials/g, 'secrets')}`,
    );
  return secrets.seal(secret, webhookSecretContext(accountId));
}
