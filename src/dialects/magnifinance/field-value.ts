import type { MfError } from './mf-error.js';

type Tree = Record<string, unknown>;

const isTree = (v: unknown): v is Tree => !!v && typeof v === 'object' && !Array.isArray(v);

/** A key of an object in any letter case (the reader's rule). */
function member(node: Tree, key: string): unknown {
  if (key in node) return node[key];
  const lower = key.toLowerCase();
  const found = Object.keys(node).find((k) => k.toLowerCase() === lower);
  return found === undefined ? undefined : node[found];
}

/** Lines as the operations number them: SOAP's `<Lines>` wrappers of APIInvoicingProduct flattened, in order. */
function products(list: unknown): unknown {
  if (!Array.isArray(list)) return list;
  return list.flatMap((item) => {
    const inner = isTree(item) ? member(item, 'APIInvoicingProduct') : undefined;
    if (inner === undefined) return [item];
    return Array.isArray(inner) ? inner : [inner];
  });
}

/** The value the client sent at a ValidationError's path (`Document.Lines.0.Quantity`), as text; '' when none. */
export function valueAt(data: unknown, path: string): string {
  let node: unknown = data;
  for (const part of path.split('.')) {
    if (Array.isArray(node)) node = /^\d+$/.test(part) ? node[Number(part)] : undefined;
    else if (isTree(node)) node = part === 'Lines' ? products(member(node, part)) : member(node, part);
    else return '';
  }
  return typeof node === 'string' || typeof node === 'number' || typeof node === 'boolean' ? String(node) : '';
}

/**
 * Gives each ValidationError without a value the one the client sent at its field, so clients can log it; never a
 * password's (the AT sub-user's of ActivationSet).
 */
export function withSentValues(error: MfError, data: unknown): MfError {
  for (const v of error.validationErrors)
    if (!v.Value && v.FieldName && !/password/i.test(v.FieldName)) {
      const sent = valueAt(data, v.FieldName);
      if (sent) v.Value = sent;
    }
  return error;
}
