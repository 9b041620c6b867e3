import { DomainError } from '../../domain/errors.js';
import type { Ctx, Tx } from '../context.js';
import { emailRecipients, queueDocumentEmail } from './queue-document-email.js';

/**
 * The `sendTo` of a create request, validated before anything is written: addresses, and that the document
 * will be finalized (a draft is never e-mailed). Null when nothing is to be sent.
 */
export function checkSendTo(input: { sendTo?: string | string[] | null; finalize?: boolean }): string[] | null {
  if (input.sendTo == null || (Array.isArray(input.sendTo) && input.sendTo.length === 0) || input.sendTo === '')
    return null;
  const { to } = emailRecipients({ to: input.sendTo }, { to: 'sendTo', cc: 'cc', bcc: 'bcc' });
  if (!input.finalize) {
    throw new DomainError('validation', 'A draft cannot be e-mailed: sendTo needs finalize=true.', [
      {
        field: 'sendTo',
        issue: 'not_allowed',
        message: 'Only finalized documents are e-mailed; add "finalize": true.',
      },
    ]);
  }
  return to;
}

/** Queues the issue e-mail (the Original) in the create transaction: one row and one outbox job. */
export async function queueSendTo(tx: Tx, ctx: Ctx, documentId: number, to: string[]): Promise<void> {
  await queueDocumentEmail(tx, ctx, documentId, { to, copy: 'original' }, { origin: 'issue' });
}
