/**
 * Turns a recorded answer into a shape: values that change run to run become placeholders. Captured values
 * (`{{=name}}`) are recognised first, in id-like fields, so a read that must return what a create made says so.
 */
export function generalize(value: unknown, key: string, vars: Readonly<Record<string, unknown>>): unknown {
  if (Array.isArray(value)) return value.map((v) => generalize(v, key, vars));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, generalize(v, k, vars)]));
  // Surrogate keys; a tax number (`fiscal_id`) is data.
  const idLike = /(^id$|_id$|Id$|ID$)/.test(key) && key !== 'fiscal_id';
  if (idLike && value !== null && value !== '') {
    const captured = Object.entries(vars).find(
      ([, v]) => v !== null && typeof v !== 'object' && String(v) === String(value),
    );
    if (captured) return `{{=${captured[0]}}}`;
    if (typeof value === 'number' && Number.isInteger(value) && value > 0) return '{{id}}';
    if (typeof value === 'string' && /^[1-9]\d*$/.test(value)) return '{{id}}';
  }
  if (typeof value !== 'string') return value;
  if (/^\d{4}-\d{2}-\d{2}$|^\d{2}\/\d{2}\/\d{4}$/.test(value)) return '{{date}}';
  if (/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/.test(value)) return '{{datetime}}';
  const secret = Object.entries(vars).find(([, v]) => typeof v === 'string' && v.length >= 16 && value.includes(v));
  if (secret) return value.split(secret[1] as string).join(`{{=${secret[0]}}}`);
  if (/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/.test(value)) return '{{uuid}}';
  if (/^https?:\/\/\S+$/.test(value)) return '{{url}}';
  if (/^[A-Za-z0-9+/=_.-]{24,}$/.test(value) && /\d/.test(value) && /[A-Za-z]/.test(value)) return '{{hash}}';
  const year = String(new Date().getUTCFullYear());
  return value.includes(year) && !value.includes('{{') ? value.split(year).join('{{year}}') : value;
}

const ID_LIKE = /^\{\{(id|=\w+)\}\}$/;

/**
 * Two recordings of one case (on two fresh accounts) merged: what differs between them is not part of the
 * contract. This is what tells a read-back of a created id (`{{=documentId}}` in both) from an id that only
 * happened to be equal in one run (a type id of 1 and a first document id of 1).
 */
export function mergeShapes(a: unknown, b: unknown): unknown {
  if (JSON.stringify(a) === JSON.stringify(b)) return a;
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) return a.map((x, i) => mergeShapes(x, b[i]));
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const ka = Object.keys(a);
    if (ka.length === Object.keys(b).length && ka.every((k) => k in b))
      return Object.fromEntries(
        ka.map((k) => [k, mergeShapes((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])]),
      );
  }
  if (typeof a === 'string' && typeof b === 'string')
    return ID_LIKE.test(a) && ID_LIKE.test(b) ? '{{id}}' : '{{string}}';
  if (typeof a === 'number' && typeof b === 'number') return '{{number}}';
  return '{{any}}';
}
