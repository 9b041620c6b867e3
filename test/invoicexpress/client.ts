import type { LightMyRequestResponse } from 'fastify';
import type { TestApp } from '../support/app.js';

export const IX = '/invoicexpress';

export interface IxResponse {
  status: number;
  /** JSON parsed, or the raw text (XML, empty). */
  body: any;
  text: string;
  headers: LightMyRequestResponse['headers'];
}

export interface IxClient {
  key: string;
  /**
   * An InvoiceXpress request as its clients send it: `api_key` in the query string, a JSON body (or an XML string
   * with `xml: true`). `path` is relative to the dialect, e.g. `invoices.json`; `key: null` sends no key.
   */
  call(
    method: string,
    path: string,
    body?: unknown,
    opts?: { key?: string | null; xml?: boolean; query?: Record<string, string> },
  ): Promise<IxResponse>;
}

export function ixClient(t: TestApp, key: string): IxClient {
  return {
    key,
    async call(method, path, body, opts = {}) {
      const k = opts.key === undefined ? key : opts.key;
      const qs = new URLSearchParams({ ...(k === null ? {} : { api_key: k }), ...opts.query }).toString();
      const url = `${IX}/${path.replace(/^\//, '')}${qs ? `${path.includes('?') ? '&' : '?'}${qs}` : ''}`;
      const payload = body === undefined ? undefined : opts.xml ? String(body) : JSON.stringify(body);
      const res = await t.app.inject({
        method: method as 'GET',
        url,
        payload,
        headers: {
          accept: opts.xml ? 'application/xml' : 'application/json',
          ...(payload === undefined
            ? {}
            : { 'content-type': opts.xml ? 'application/xml; charset=utf-8' : 'application/json' }),
        },
      });
      let parsed: unknown = res.body;
      try {
        parsed = res.body ? JSON.parse(res.body) : undefined;
      } catch {
        /* XML or empty */
      }
      return { status: res.statusCode, body: parsed, text: res.body, headers: res.headers };
    },
  };
}
