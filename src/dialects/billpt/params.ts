/**
 * bill.pt clients send their fields in the query string, a JSON body or a form body, on every method (the
 * SDKs put `api_token` in a JSON body even on GET). Flat keys use PHP's bracket syntax
 * (`produtos[0][item_id]`, `pesquisa[texto][nome]`); they are read into nested objects and arrays here.
 */
const UNSAFE = new Set(['__proto__', 'constructor', 'prototype']);
type Tree = Record<string, unknown>;

const isPlainObject = (v: unknown): v is Tree => typeof v === 'object' && v !== null && !Array.isArray(v);

function keyPath(key: string): string[] {
  const m = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(key);
  if (!m) return [key];
  return [m[1], ...[...m[2].matchAll(/\[([^[\]]*)\]/g)].map((x) => x[1])];
}

function put(root: Tree, path: string[], value: unknown): void {
  if (path.some((p) => UNSAFE.has(p))) return;
  let node = root;
  for (let i = 0; i < path.length; i++) {
    const last = i === path.length - 1;
    // `a[]` appends: the next free numeric key.
    const seg = path[i] === '' ? String(Object.keys(node).length) : path[i];
    if (last) {
      if (path[i] === '' && Array.isArray(value)) value.forEach((v) => put(node, [''], v));
      else node[seg] = value;
      return;
    }
    if (!isPlainObject(node[seg])) node[seg] = {};
    node = node[seg] as Tree;
  }
}

/** Objects whose keys are all array indices become arrays (in index order). */
function arrayify(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(arrayify);
  if (!isPlainObject(v)) return v;
  const keys = Object.keys(v);
  const out: Tree = {};
  for (const k of keys) out[k] = arrayify(v[k]);
  if (keys.length && keys.every((k) => /^\d+$/.test(k)))
    return keys.sort((a, b) => Number(a) - Number(b)).map((k) => out[k]);
  return out;
}

/** `{'a[b][0]': 'x'}` → `{a: {b: ['x']}}`. Keys without brackets are kept as they are. */
export function expandBrackets(flat: Record<string, unknown> | null | undefined): Tree {
  const root: Tree = {};
  for (const [key, value] of Object.entries(flat ?? {})) put(root, keyPath(key), value);
  return arrayify(root) as Tree;
}

/** A form body (`application/x-www-form-urlencoded`) as a nested tree; repeated keys become arrays. */
export function parseForm(body: string): Tree {
  const flat: Tree = {};
  for (const [k, v] of new URLSearchParams(body)) {
    if (k in flat && !k.endsWith('[]')) flat[k] = ([] as unknown[]).concat(flat[k], v);
    else if (k.endsWith('[]')) flat[k] = ([] as unknown[]).concat(flat[k] ?? [], v);
    else flat[k] = v;
  }
  return expandBrackets(flat);
}

/** Deep merge: `over` wins on leaves; objects are merged key by key. */
export function mergeParams(base: Tree, over: unknown): Tree {
  if (!isPlainObject(over)) return base;
  const out: Tree = { ...base };
  for (const [k, v] of Object.entries(over)) {
    if (UNSAFE.has(k)) continue;
    out[k] = isPlainObject(v) && isPlainObject(out[k]) ? mergeParams(out[k] as Tree, v) : v;
  }
  return out;
}
