import type { LightMyRequestResponse } from 'fastify';
import { startTestApp, type TestApp, type TestConfig } from '../support/app.js';

export const API = '/billpt/api/1.0';

export type Via = 'json' | 'query' | 'form' | 'bearer';

export interface BillptResponse {
  status: number;
  body: any;
  headers: LightMyRequestResponse['headers'];
  raw: LightMyRequestResponse;
}

/** PHP's http_build_query: nested objects and arrays as `a[b][0]=v` pairs. */
export function flatten(value: unknown, prefix = ''): [string, string][] {
  if (value === null || value === undefined) return prefix ? [[prefix, '']] : [];
  if (typeof value !== 'object') return [[prefix, String(value)]];
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
  return entries.flatMap(([k, v]) => flatten(v, prefix ? `${prefix}[${k}]` : k));
}

export const formEncode = (params: Record<string, unknown>) => new URLSearchParams(flatten(params)).toString();

export interface BillptClient {
  token: string;
  /**
   * A bill.pt request as the SDKs send it: by default `api_token` and `method` in a JSON body on every method
   * (GET and DELETE too). `via: 'query'` puts everything in the query string of a body-less request (the Saleor
   * app), `form` sends a form body, `bearer` the token in the Authorization header.
   */
  call(
    method: string,
    path: string,
    params?: Record<string, unknown>,
    opts?: { via?: Via; token?: string | null },
  ): Promise<BillptResponse>;
}

export function billptClient(t: TestApp, token: string): BillptClient {
  return {
    token,
    async call(method, path, params = {}, opts = {}) {
      const via = opts.via ?? 'json';
      const tok = opts.token === undefined ? token : opts.token;
      const url = path.startsWith('/') ? path : `${API}/${path}`;
      const withToken = tok === null ? { ...params } : { api_token: tok, method, ...params };
      let res: LightMyRequestResponse;
      if (via === 'query') {
        const qs = formEncode(withToken);
        res = await t.app.inject({ method: method as 'GET', url: qs ? `${url}?${qs}` : url });
      } else if (via === 'form') {
        res = await t.app.inject({
          method: method as 'GET',
          url,
          payload: formEncode(withToken),
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        });
      } else if (via === 'bearer') {
        res = await t.app.inject({
          method: method as 'GET',
          url,
          payload: JSON.stringify(params),
          headers: { 'content-type': 'application/json', ...(tok ? { authorization: `Bearer ${tok}` } : {}) },
        });
      } else {
        res = await t.app.inject({
          method: method as 'GET',
          url,
          payload: JSON.stringify(withToken),
          headers: { 'content-type': 'application/json' },
        });
      }
      let body: unknown = res.body;
      try {
        body = res.body ? JSON.parse(res.body) : undefined;
      } catch {
        /* not JSON (a PDF) */
      }
      return { status: res.statusCode, body, headers: res.headers, raw: res };
    },
  };
}

/** A test app with a rate limit high enough for a whole contract run. */
export async function startBillptApp(config: TestConfig = {}): Promise<{ t: TestApp; bp: BillptClient }> {
  const billpt = { rateLimitPerMinute: 1_000_000, ...config.dialects?.billpt };
  const t = await startTestApp({ ...config, dialects: { ...config.dialects, billpt } });
  return { t, bp: billptClient(t, t.account.apiKey) };
}
