import type { ODataOrder, ODataQuery } from './ast.js';
import { parseFilter } from './filter-parser.js';
import { ODataError } from './odata-error.js';

export interface ODataQueryOptions {
  /** The page size when `$top` is absent. */
  defaultTop: number;
  /** The largest page; a larger `$top` is clamped to it (Billit clamps rather than refuses). */
  maxTop: number;
}

type QueryInput = URLSearchParams | string | Record<string, unknown>;

/** The system query options of a request, by lower-cased name (`$Filter` and `$filter` alike, OData 4.01 §5.1). */
function options(input: QueryInput): Map<string, string> {
  const out = new Map<string, string>();
  const add = (k: string, v: unknown) => {
    if (!k.startsWith('$') || v === undefined) return;
    const value = Array.isArray(v) ? v[v.length - 1] : v;
    out.set(k.toLowerCase(), String(value));
  };
  if (typeof input === 'string') for (const [k, v] of new URLSearchParams(input.replace(/^\?/, ''))) add(k, v);
  else if (input instanceof URLSearchParams) for (const [k, v] of input) add(k, v);
  else for (const [k, v] of Object.entries(input)) add(k, v);
  return out;
}

function count(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  if (!/^\s*\d+\s*$/.test(raw)) throw new ODataError('option', `${name} must be a non-negative integer: '${raw}'`);
  return Number(raw.trim());
}

function orderby(raw: string | undefined): ODataOrder[] {
  if (!raw?.trim()) return [];
  return raw.split(',').map((part) => {
    const m = /^\s*([A-Za-z_$][\w$]*(?:\/[A-Za-z_$][\w$]*)*)(?:\s+(asc|desc))?\s*$/i.exec(part);
    if (!m) throw new ODataError('syntax', `Invalid $orderby: '${part.trim()}'`);
    return { field: m[1]!, dir: (m[2]?.toLowerCase() ?? 'asc') as 'asc' | 'desc' };
  });
}

/**
 * Reads `$filter`, `$top`, `$skip`, `$orderby`, `$count` (or v2's `$inlinecount=allpages`) and `$select` from a
 * query string (`+` and `%27` decoded) or an already parsed query object.
 */
export function parseODataQuery(input: QueryInput, opts: ODataQueryOptions): ODataQuery {
  const o = options(input);
  const filterText = o.get('$filter');
  const top = count('$top', o.get('$top'));
  const countRaw = o.get('$count')?.toLowerCase();
  if (countRaw !== undefined && countRaw !== 'true' && countRaw !== 'false')
    throw new ODataError('option', `$count must be true or false: '${o.get('$count')}'`);
  const select = o
    .get('$select')
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return {
    ...(filterText?.trim() ? { filter: parseFilter(filterText) } : {}),
    top: Math.min(top ?? opts.defaultTop, opts.maxTop),
    skip: count('$skip', o.get('$skip')) ?? 0,
    orderby: orderby(o.get('$orderby')),
    count: countRaw === 'true' || o.get('$inlinecount')?.toLowerCase() === 'allpages',
    ...(select?.length ? { select } : {}),
  };
}
