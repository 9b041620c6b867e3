import type { TestApp } from '../support/app.js';

/** A Billit request as real clients send it: `ApiKey` header, JSON body; `json()` parses the answer. */
export function billitClient(t: TestApp, key: string) {
  return async (method: string, url: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await t.app.inject({
      method: method as 'GET',
      url,
      payload: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      headers: { ApiKey: key, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    });
    return {
      status: res.statusCode,
      text: res.body,
      raw: res.rawPayload,
      headers: res.headers,
      json: () => JSON.parse(res.body),
    };
  };
}
