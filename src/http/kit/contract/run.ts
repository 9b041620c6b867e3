import type { ContractCase, ContractExpect, ContractRequest, Exchange, Send } from './contract.js';
import { generalize } from './record.js';
import { matchShape } from './matcher.js';

const WHOLE = /^\{\{\s*(\w+)\s*\}\}$/;

/** Puts remembered values into a request: a whole-string `{{x}}` keeps the value's JSON type. */
export function interpolate(value: unknown, vars: Readonly<Record<string, unknown>>): unknown {
  if (typeof value === 'string') {
    const whole = WHOLE.exec(value);
    const get = (name: string) => {
      if (!(name in vars)) throw new Error(`contract: {{${name}}} is not known at this step`);
      return vars[name];
    };
    if (whole) return get(whole[1]!);
    return value.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => String(get(name)));
  }
  if (Array.isArray(value)) return value.map((v) => interpolate(v, vars));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolate(v, vars)]));
  return value;
}

function encode(req: ContractRequest, vars: Readonly<Record<string, unknown>>) {
  const headers = (interpolate(req.headers ?? {}, vars) ?? {}) as Record<string, string>;
  const body = interpolate(req.body, vars);
  const hasType = Object.keys(headers).some((h) => h.toLowerCase() === 'content-type');
  if (body === undefined) return { method: req.method, path: String(interpolate(req.path, vars)), headers };
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return {
    method: req.method,
    path: String(interpolate(req.path, vars)),
    headers: hasType || typeof body === 'string' ? headers : { ...headers, 'content-type': 'application/json' },
    body: text,
  };
}

/** The body as JSON when it is JSON, else its text; `undefined` when empty. */
export function bodyOf(x: Exchange): unknown {
  if (!x.text) return undefined;
  try {
    return JSON.parse(x.text);
  } catch {
    return x.text;
  }
}

function capture(step: { capture?: Record<string, string> }, body: unknown, vars: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const [name, path] of Object.entries(step.capture ?? {})) {
    let v: unknown = body;
    // `$` is the whole body (Billit answers a created id as a bare number).
    if (path !== '$')
      for (const part of path.split('.'))
        v = v && typeof v === 'object' ? (v as Record<string, unknown>)[part] : undefined;
    if (v === undefined) out.push(`capture ${name}: nothing at ${path}`);
    else vars[name] = v;
  }
  return out;
}

/** The differences between an answer and its recorded expectation. */
export function compare(expect: ContractExpect, x: Exchange, vars: Record<string, unknown>): string[] {
  const out: string[] = [];
  if (x.status !== expect.status) out.push(`status: expected ${expect.status}, got ${x.status}`);
  for (const [name, want] of Object.entries(expect.headers ?? {})) {
    const got = x.headers[name.toLowerCase()];
    out.push(...matchShape(want, got === undefined ? undefined : String(got), vars, `header ${name}`));
  }
  out.push(...matchShape(expect.body, bodyOf(x), vars, 'body'));
  return out;
}

/**
 * Runs one case: each step's request, then its checks. Returns the differences found, each prefixed with the
 * step; an empty list is a pass.
 */
export async function runCase(c: ContractCase, send: Send, initial: Record<string, unknown>): Promise<string[]> {
  const vars = { ...initial };
  const failures: string[] = [];
  for (const [i, step] of c.steps.entries()) {
    const label = `step ${i + 1} (${step.request.method} ${step.request.path})`;
    if (!step.expect) {
      failures.push(`${label}: not recorded yet`);
      continue;
    }
    const x = await send(encode(step.request, vars));
    failures.push(...capture(step, bodyOf(x), vars).map((f) => `${label}: ${f}`));
    failures.push(...compare(step.expect, x, vars).map((f) => `${label}: ${f}`));
  }
  return failures;
}

/**
 * Records a case from the server's current behaviour: every step's expectation is the answer, generalised where it
 * differs run to run (ids, dates, hashes, keys, captured values). The result is meant to be read and committed.
 */
export async function recordCase(
  c: ContractCase,
  send: Send,
  initial: Record<string, unknown>,
  headers: readonly string[] = ['content-type'],
): Promise<ContractCase> {
  const vars = { ...initial };
  const steps = [];
  for (const step of c.steps) {
    const x = await send(encode(step.request, vars));
    const body = bodyOf(x);
    const errors = capture(step, body, vars);
    if (errors.length) throw new Error(`${c.name}: ${errors.join('; ')}`);
    const expectHeaders = Object.fromEntries(
      headers
        .filter((h) => x.headers[h] !== undefined)
        .map((h) => [h, String(generalize(String(x.headers[h]), h, vars))]),
    );
    const expect: ContractExpect = {
      status: x.status,
      ...(Object.keys(expectHeaders).length ? { headers: expectHeaders } : {}),
      ...(body === undefined ? {} : { body: generalize(body, '', vars) }),
    };
    steps.push({ ...step, expect });
  }
  return { ...c, steps };
}
