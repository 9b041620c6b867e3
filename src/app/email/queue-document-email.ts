import { MAX_RECIPIENTS, parseAddressList } from '../../domain/email/addresses.js';
import { BODY_MAX, SUBJECT_MAX } from '../../domain/email/templates.js';
import { DOC_TYPE_INFO, isDocType } from '../../domain/documents/types.js';
import { DomainError, notFound, validationError, type FieldIssue } from '../../domain/errors.js';
import type { CopyKind } from '../../domain/pt/legal-marks.js';
import type { Ctx, Tx } from '../context.js';
import { enqueueJob } from '../jobs/enqueue-job.js';
import { chooseCopyKind, type CopyRequest } from '../pdf/copy-kind.js';
import { recordPrint } from '../pdf/record-print.js';
import { renderDocumentEmail } from './render-document-email.js';

export const EMAIL_SEND_JOB = 'email.send';
/**
 * The outbox ceiling; the handler gives up earlier, after EMAIL_MAX_ATTEMPTS (config), so the limit is set
 * where the configuration is read and not frozen into jobs already queued.
 */
export const EMAIL_JOB_CEILING = 100;

export interface DocumentEmailRequest {
  to: unknown;
  cc?: unknown;
  bcc?: unknown;
  subject?: string | null;
  body?: string | null;
  /** Which copy the attached PDF is; default `original` (a "2.ª via" when the document was printed before). */
  copy?: CopyRequest;
}

export interface QueuedEmail {
  id: number;
  copy: CopyKind;
}

/** Validated recipient lists; throws every bad field at once. `field` prefixes the paths (e.g. `sendTo`). */
export function emailRecipients(
  input: Pick<DocumentEmailRequest, 'to' | 'cc' | 'bcc'>,
  fields = { to: 'to', cc: 'cc', bcc: 'bcc' },
): { to: string[]; cc: string[]; bcc: string[] } {
  const issues: FieldIssue[] = [];
  const to = parseAddressList(input.to, fields.to, issues);
  const cc = parseAddressList(input.cc, fields.cc, issues);
  const bcc = parseAddressList(input.bcc, fields.bcc, issues);
  if (!to.length && !issues.some((i) => i.field.startsWith(fields.to)))
    issues.push({ field: fields.to, issue: 'required', message: 'At least one address.' });
  if (to.length + cc.length + bcc.length > MAX_RECIPIENTS)
    issues.push({
      field: fields.to,
      issue: 'too_long',
      message: `At most ${MAX_RECIPIENTS} recipients in all.`,
      value: String(MAX_RECIPIENTS),
    });
  if (issues.length) throw validationError(issues, 'The e-mail has invalid recipients.');
  return { to, cc, bcc };
}

/**
 * Queues a document's PDF for e-mail in the caller's transaction (the outbox): nothing is sent inline, and
 * the e-mail exists only if the transaction commits. Drafts have no legal existence and are never sent.
 *
 * The copy mark is decided here and counted as a print, so retries attach identical bytes and an e-mail
 * queued at issue (`sendTo`) is the Original even if someone downloads the PDF before it leaves.
 * NOTE: D8632 §2.2.15 — only the first print is the original; `original` asked later becomes a "2.ª via".
 */
export async function queueDocumentEmail(
  tx: Tx,
  ctx: Ctx,
  documentId: number,
  input: DocumentEmailRequest,
  opts: {
    origin?: 'issue' | 'request';
    /** Attach the document's e-invoice (UBL) beside the PDF: the e-mail stands in for a Peppol transmission. */
    attachEinvoice?: boolean;
    /** Render subject and body now (for the response) rather than at the first attempt. */ renderWith?: {
      publicUrl: string;
    };
  } = {},
): Promise<QueuedEmail> {
  const { to, cc, bcc } = emailRecipients(input);
  const issues: FieldIssue[] = [];
  if (input.subject != null && input.subject.length > SUBJECT_MAX)
    issues.push({
      field: 'subject',
      issue: 'too_long',
      message: `At most ${SUBJECT_MAX} characters.`,
      value: String(SUBJECT_MAX),
    });
  if (input.body != null && input.body.length > BODY_MAX)
    issues.push({
      field: 'body',
      issue: 'too_long',
      message: `At most ${BODY_MAX} characters.`,
      value: String(BODY_MAX),
    });
  if (issues.length) throw validationError(issues);

  const doc = await tx
    .selectFrom('documents')
    .select(['status', 'doc_type'])
    .where('account_id', '=', ctx.accountId)
    .where('id', '=', documentId)
    .executeTakeFirst();
  if (!doc) throw notFound('document', documentId);
  if (doc.status === 'draft') {
    throw new DomainError(
      'document_not_final',
      'A draft cannot be e-mailed: it has no legal existence until it is finalized (Despacho 8632/2014 §1.10).',
    );
  }
  if (isDocType(doc.doc_type) && DOC_TYPE_INFO[doc.doc_type].family === 'opening_balance') {
    throw new DomainError('validation', 'Opening balances are internal records and are not e-mailed.', [
      { field: 'id', issue: 'invalid', message: 'An opening balance has no PDF.' },
    ]);
  }

  const previous = await recordPrint(tx, ctx.accountId, documentId);
  const copy = chooseCopyKind(input.copy ?? 'original', previous);
  let subject = input.subject?.trim() ? input.subject.replace(/\s+/g, ' ').trim() : null;
  let body = input.body?.trim() ? input.body : null;
  if (opts.renderWith)
    ({ subject, body } = await renderDocumentEmail(tx, opts.renderWith.publicUrl, ctx.accountId, documentId, {
      subject,
      body,
    }));
  const row = await tx
    .insertInto('emails')
    .values({
      account_id: ctx.accountId,
      document_id: documentId,
      kind: 'document',
      origin: opts.origin ?? 'request',
      to_addresses: JSON.stringify(to),
      cc_addresses: JSON.stringify(cc),
      bcc_addresses: JSON.stringify(bcc),
      subject,
      body,
      copy,
      ...(opts.attachEinvoice ? { attach_einvoice: true } : {}),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await enqueueJob(tx, {
    accountId: ctx.accountId,
    kind: EMAIL_SEND_JOB,
    payload: { emailId: row.id },
    dedupeKey: String(row.id),
    maxAttempts: EMAIL_JOB_CEILING,
  });
  return { id: row.id, copy };
}
