import { pageRequest, type PageRequest } from '../../app/pagination.js';
import { BillptError } from './billpt-error.js';
import type { Input } from './input.js';

export interface Search {
  exact: [field: string, value: string][];
  like: [field: string, value: string][];
  order: [field: string, dir: 'asc' | 'desc'][];
}

const scalar = (v: unknown): string | undefined =>
  v === null || v === undefined || typeof v === 'object' ? undefined : String(v);

/**
 * `pesquisa[campo]=v` (exact), `pesquisa[texto][campo]=v` (like %v%), `pesquisa[order_by][campo]=asc|desc`,
 * checked against the fields the route allows; another field is `9.pesquisa.<campo>`.
 */
export function readSearch(
  i: Input,
  allowed: { exact: readonly string[]; like: readonly string[]; order?: readonly string[] },
): Search {
  const out: Search = { exact: [], like: [], order: [] };
  const p = i.raw('pesquisa');
  if (p === undefined || p === null || p === '') return out;
  if (typeof p !== 'object' || Array.isArray(p)) throw new BillptError(422, ['9.pesquisa']);
  const bad: string[] = [];
  for (const [k, v] of Object.entries(p as Record<string, unknown>)) {
    if (k === 'texto' || k === 'order_by') {
      if (!v || typeof v !== 'object' || Array.isArray(v)) {
        bad.push(`9.pesquisa.${k}`);
        continue;
      }
      for (const [f, fv] of Object.entries(v as Record<string, unknown>)) {
        const s = scalar(fv);
        if (k === 'texto') {
          if (!allowed.like.includes(f) || s === undefined) bad.push(`9.pesquisa.texto.${f}`);
          else if (s !== '') out.like.push([f, s]);
        } else {
          const dir = s?.toLowerCase();
          if (!(allowed.order ?? []).includes(f) || (dir !== 'asc' && dir !== 'desc'))
            bad.push(`9.pesquisa.order_by.${f}`);
          else out.order.push([f, dir]);
        }
      }
      continue;
    }
    const s = scalar(v);
    if (!allowed.exact.includes(k) || s === undefined) bad.push(`9.pesquisa.${k}`);
    else if (s !== '') out.exact.push([k, s]);
  }
  if (bad.length) throw new BillptError(422, bad);
  return out;
}

/** `page` (and `per_page`, which bill.pt does not document) with the route's page size. */
export function readPage(i: Input, perPage: number): PageRequest {
  const page = i.int('page');
  const size = i.int('per_page');
  return pageRequest(page ?? 1, size ?? perPage, perPage);
}

export const isTrue = (s: string) => ['1', 'true', 'on', 'yes'].includes(s.trim().toLowerCase());
export const isBoolean = (s: string) =>
  ['1', 'true', 'on', 'yes', '0', 'false', 'off', 'no'].includes(s.trim().toLowerCase());
