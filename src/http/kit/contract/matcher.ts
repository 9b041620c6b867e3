import { PLACEHOLDER, fitsValue, isKnown, parsePlaceholder, textPattern } from './placeholders.js';

/**
 * Compares an answer with its recorded shape and lists every difference: a key added or missing, a value of
 * another type or content, an array of another length, a placeholder not fitting. Captures (`{{id as x}}`) are
 * written into `vars`. Object keys must match exactly: a field that appears or disappears is a contract change.
 */
export function matchShape(expected: unknown, actual: unknown, vars: Record<string, unknown>, path = '$'): string[] {
  if (typeof expected === 'string' && expected.includes('{{')) return matchTemplate(expected, actual, vars, path);
  if (expected === null || typeof expected !== 'object') {
    return Object.is(expected, actual) ? [] : [`${path}: expected ${show(expected)}, got ${show(actual)}`];
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [`${path}: expected an array, got ${show(actual)}`];
    if (actual.length !== expected.length)
      return [`${path}: expected ${expected.length} items, got ${actual.length}: ${show(actual)}`];
    return expected.flatMap((e, i) => matchShape(e, actual[i], vars, `${path}[${i}]`));
  }
  if (actual === null || typeof actual !== 'object' || Array.isArray(actual))
    return [`${path}: expected an object, got ${show(actual)}`];
  const exp = expected as Record<string, unknown>;
  const act = actual as Record<string, unknown>;
  const out: string[] = [];
  for (const k of Object.keys(exp)) {
    if (!(k in act)) out.push(`${path}.${k}: missing`);
    else out.push(...matchShape(exp[k], act[k], vars, `${path}.${k}`));
  }
  for (const k of Object.keys(act)) if (!(k in exp)) out.push(`${path}.${k}: unexpected field (${show(act[k])})`);
  return out;
}

function matchTemplate(template: string, actual: unknown, vars: Record<string, unknown>, path: string): string[] {
  const found = [...template.matchAll(PLACEHOLDER)];
  for (const m of found) {
    const p = parsePlaceholder(m);
    if (!isKnown(p.name)) return [`${path}: unknown placeholder ${m[0]} in the contract`];
    if (p.name.startsWith('=') && !(p.name.slice(1) in vars)) return [`${path}: ${m[0]} was never captured`];
  }
  // A whole-value placeholder checks the JSON value itself (a number stays a number).
  if (found.length === 1 && found[0]![0] === template) {
    const p = parsePlaceholder(found[0]!);
    if (!fitsValue(p, actual, vars)) return [`${path}: expected ${template}, got ${show(actual)}`];
    if (p.capture) vars[p.capture] = actual;
    return [];
  }
  if (typeof actual !== 'string') return [`${path}: expected a string like ${show(template)}, got ${show(actual)}`];
  let source = '^';
  let last = 0;
  const captures: (string | undefined)[] = [];
  for (const m of found) {
    const p = parsePlaceholder(m);
    source += template.slice(last, m.index).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    source += `(${textPattern(p, vars)})`;
    captures.push(p.capture);
    last = m.index! + m[0].length;
  }
  source += `${template.slice(last).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`;
  const m = new RegExp(source).exec(actual);
  if (!m) return [`${path}: expected ${show(template)}, got ${show(actual)}`];
  captures.forEach((name, i) => {
    if (name) vars[name] = m[i + 1];
  });
  return [];
}

function show(v: unknown): string {
  const s = JSON.stringify(v);
  return s === undefined ? 'nothing' : s.length > 200 ? `${s.slice(0, 200)}…` : s;
}
