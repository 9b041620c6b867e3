import type { FastifyReply, FastifyRequest } from 'fastify';
import { getDocumentOverview } from '../../app/documents/get-document-overview.js';
import { listCatalog } from '../../app/reference/list-catalog.js';
import { CATALOGS } from '../../app/reference/catalogs.js';
import type { Db } from '../../app/context.js';
import { scopeAllows } from '../../domain/api-key-scope.js';
import { lisbonDate } from '../../domain/time.js';
import { ctxOf } from '../../http/kit/request-context.js';
import { documentPageData } from './page-data.js';

export const DONE = [
  'emailed',
  'cancelled',
  'credited',
  'receipted',
  'converted',
  'duplicated',
  'finalized',
  'deleted',
] as const;
export type Done = (typeof DONE)[number];

/** An action form sent back with what was typed and what was wrong (field → message), or a message for the form. */
export interface ActionForm {
  action: 'email' | 'cancel' | 'creditNote' | 'receipt' | 'convert' | 'duplicate' | 'finalize' | 'delete';
  values: Record<string, string>;
  errors: Record<string, string>;
  /** The errors are message keys (the form's own checks) rather than the use case's words. */
  translate?: boolean;
  message?: string;
}

const doneOf = (query: unknown): Done | null => {
  const d = (query as Record<string, unknown> | undefined)?.done;
  return typeof d === 'string' && (DONE as readonly string[]).includes(d) ? (d as Done) : null;
};

/** Renders the document page; with `form`, the action that failed, its values and errors, at `status`. */
export async function showDocumentPage(
  db: Db,
  request: FastifyRequest,
  reply: FastifyReply,
  id: number,
  opts: { form?: ActionForm; status?: number } = {},
) {
  const ctx = ctxOf(request);
  const overview = await getDocumentOverview(db, ctx.accountId, id);
  const data = documentPageData(overview);
  const scope = request.consoleSession?.scope ?? 'read';
  const canIssue = scopeAllows(scope, 'issue');
  const methods = canIssue && data.actions.receipt ? await listCatalog(db, ctx.accountId, CATALOGS.paymentMethods) : [];
  const form = opts.form;
  const title = data.doc.number ?? `documents.type.${data.doc.type}`;
  return reply.page(
    'documents/views/page',
    {
      ...data,
      // Deliveries show the account's webhook endpoints, which only an admin session sees elsewhere.
      webhooks: scopeAllows(scope, 'admin') ? data.webhooks : null,
      canIssue,
      done: form ? null : doneOf(request.query),
      form: form ?? null,
      paymentMethods: (methods as unknown as { id: number; name: string; archived: boolean }[])
        .filter((m) => !m.archived)
        .map((m) => ({ id: m.id, name: m.name })),
      defaults: {
        emailTo: data.doc.customer.email ?? '',
        receiptAmount: data.doc.openBalance,
        receiptDate: lisbonDate(ctx.now),
      },
    },
    // The layout's title is a message key; a number is shown as is (an unknown key is its own text).
    { status: opts.status ?? 200, title },
  );
}
