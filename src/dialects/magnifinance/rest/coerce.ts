import type { MfField, MfOperation, MfXsdType } from '../operation.js';

/** A REST input as the operations read it: text, booleans, null, and objects and lists of them. */
export type RestValue = string | boolean | null | RestRecord | RestValue[];
export interface RestRecord {
  [name: string]: RestValue;
}

/** What the registry declares of the operations' inputs, for reading REST bodies as SOAP elements. */
export interface RestVocabulary {
  /** A name without case → MagniFinance's spelling (`documentid` → `DocumentId`). */
  names: Map<string, string>;
  /** A list field → the element each item is wrapped in over SOAP (`Lines` → `APIInvoicingProduct`). */
  lists: Map<string, string>;
}

/** The vocabulary of the operations' WSDL descriptions: every field name, and the ArrayOf wrappers. */
export function restVocabulary(operations: readonly MfOperation[]): RestVocabulary {
  const vocabulary: RestVocabulary = { names: new Map(), lists: new Map() };
  const seen = new Set<string>();
  const visit = (fields: readonly MfField[]) => {
    for (const field of fields) {
      vocabulary.names.set(field.name.toLowerCase(), field.name);
      let type: MfXsdType = field.type;
      while (typeof type === 'object' && type.kind === 'array') {
        vocabulary.lists.set(field.name, type.item);
        vocabulary.names.set(type.item.toLowerCase(), type.item);
        type = type.of;
      }
      if (typeof type === 'object' && type.kind === 'complex' && !seen.has(type.name)) {
        seen.add(type.name);
        visit(type.fields);
      }
    }
  };
  for (const op of operations) visit(op.wsdl.input);
  return vocabulary;
}

function coerceValue(value: unknown, key: string, vocabulary: RestVocabulary, depth: number): RestValue | undefined {
  if (value === undefined) return undefined;
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (depth > 32 || typeof value !== 'object') return null;
  if (Array.isArray(value)) {
    const item = vocabulary.lists.get(key);
    return value.map((v) => {
      const out = coerceValue(v, key, vocabulary, depth + 1) ?? null;
      // A flat line is read as the `<Lines><APIInvoicingProduct>…` a SOAP client sends, unless it came wrapped.
      const flat = item && out && typeof out === 'object' && !Array.isArray(out) && !(item in out);
      return flat ? { [item]: out } : out;
    });
  }
  return coerceRecord(value as Record<string, unknown>, vocabulary, depth + 1);
}

function coerceRecord(data: Record<string, unknown>, vocabulary: RestVocabulary, depth: number): RestRecord {
  const out: RestRecord = {};
  for (const [rawKey, rawValue] of Object.entries(data)) {
    const key = vocabulary.names.get(rawKey.toLowerCase()) ?? rawKey;
    const value = coerceValue(rawValue, key, vocabulary, depth);
    // The first spelling wins when a client sends two (`Serie` and `serie`).
    if (value !== undefined && !(key in out)) out[key] = value;
  }
  return out;
}

/**
 * A REST body (or query) as the SOAP operation reads its element: keys in MagniFinance's spelling whatever their
 * case, numbers as their text (`"UnitPrice":1` → `"1"`, as the operations read every value over SOAP), booleans
 * left to the reader, and flat list items wrapped as SOAP's (`Lines: [{…}]` → `[{APIInvoicingProduct: {…}}]`).
 * One operation, whichever transport.
 */
export function coerceRest(body: unknown, vocabulary: RestVocabulary): RestRecord {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return {};
  return coerceRecord(body as Record<string, unknown>, vocabulary, 0);
}
