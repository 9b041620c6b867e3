import { DOC_TYPE_INFO, type DocType } from './types.js';

/**
 * Whether a document is settled on issue: what it says (`settled_on_issue`, written at finalize; a draft's input),
 * else its type's default. NOTE: CIVA art. 40.º — a fatura simplificada may be issued unpaid; a fatura-recibo
 * is its own receipt, so it is always paid; no other type is paid by its own issue.
 */
export function settledOnIssue(type: DocType, stated: boolean | null | undefined): boolean {
  const info = DOC_TYPE_INFO[type];
  if (stated === false && info.unpaidOnIssueAllowed) return false;
  return info.settledOnIssue;
}

/** Whether a finalized document opens an amount that receipts settle: FT, ND, SIC, and an FS issued unpaid. */
export function opensBalance(type: DocType, stated: boolean | null | undefined): boolean {
  const info = DOC_TYPE_INFO[type];
  return info.receivable || (info.unpaidOnIssueAllowed && !settledOnIssue(type, stated));
}

/**
 * Why `paidOnIssue` cannot be said of a document of this type, or null: it may be either only where the type
 * allows an unpaid issue (FS); elsewhere only the type's own value (true for FR, false for the others) is accepted.
 */
export function paidOnIssueProblem(type: DocType, value: boolean | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const info = DOC_TYPE_INFO[type];
  if (info.unpaidOnIssueAllowed || value === info.settledOnIssue) return null;
  return info.settledOnIssue
    ? `A document of type ${type} is always paid on issue.`
    : `A document of type ${type} is never paid on issue${info.receivable ? ': a receipt settles it' : ''}.`;
}
