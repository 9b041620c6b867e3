import type { FieldIssue } from '../errors.js';

/** Recipients of one e-mail, all lists together (a sane ceiling for invoices, not an SMTP limit). */
export const MAX_RECIPIENTS = 50;

/**
 * A deliverable address: `local@domain`, no display name, no spaces or angle brackets, a dotted domain
 * (or a bracketed IP literal). Deliberately stricter than RFC 5322: what reaches SMTP must be unambiguous.
 */
const ADDRESS =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~\u0080-\uFFFF-]+@([A-Za-z0-9\u0080-\uFFFF](?:[A-Za-z0-9\u0080-\uFFFF-]{0,61}[A-Za-z0-9\u0080-\uFFFF])?(?:\.[A-Za-z0-9\u0080-\uFFFF](?:[A-Za-z0-9\u0080-\uFFFF-]{0,61}[A-Za-z0-9\u0080-\uFFFF])?)+|\[[0-9a-fA-F.:]+\])$/;

export function isEmailAddress(v: string): boolean {
  return v.length <= 254 && ADDRESS.test(v) && v.split('@')[0].length <= 64 && !v.startsWith('.') && !v.includes('..');
}

/**
 * A list of addresses from what a request gave: an array, or one string with addresses separated by commas or
 * semicolons (MagniFinance `SendTo`, bill.pt). Duplicates are dropped (case-insensitively), order kept.
 */
export function parseAddressList(value: unknown, field: string, issues: FieldIssue[]): string[] {
  if (value === undefined || value === null) return [];
  const raw = Array.isArray(value) ? value : [value];
  const out: string[] = [];
  const seen = new Set<string>();
  raw.forEach((item, i) => {
    const where = Array.isArray(value) ? `${field}[${i}]` : field;
    if (typeof item !== 'string') {
      issues.push({ field: where, issue: 'invalid', message: 'An e-mail address.' });
      return;
    }
    for (const part of item.split(/[,;]/)) {
      const a = part.trim();
      if (!a) continue;
      if (!isEmailAddress(a)) {
        issues.push({ field: where, issue: 'invalid', message: 'Not a valid e-mail address.', value: a.slice(0, 254) });
        continue;
      }
      const key = a.toLowerCase();
      if (!seen.has(key)) {
        seen.add(key);
        out.push(a);
      }
    }
  });
  return out;
}

/** `addr`, `Name <addr>` or `"Name" <addr>`: a From or Reply-To as configured. Null when it is none of those. */
export function parseMailbox(v: string): { name: string | null; address: string } | null {
  const s = v.trim();
  if (isEmailAddress(s)) return { name: null, address: s };
  const m = /^(?:"((?:[^"\\\r\n]|\\.)*)"|([^"<>\r\n]*?))\s*<([^<>\s]+)>$/.exec(s);
  if (!m || !isEmailAddress(m[3])) return null;
  const name = (m[1] ?? m[2] ?? '').replace(/\\(.)/g, '$1').trim();
  return { name: name || null, address: m[3] };
}

/** A mailbox header value; the display name quoted (nodemailer encodes non-ASCII names). */
export function formatMailbox(name: string | null, address: string): string {
  return name ? `"${name.replace(/[\\"]/g, '\\$&').replace(/[\r\n]+/g, ' ')}" <${address}>` : address;
}
