/**
 * An answer in InvoiceXpress's error envelope: 422 `{"errors":[{"error":"…"}]}` (or `<errors><error>…</error></errors>`
 * on `.xml` routes); 401, 404, 406 and 409 answer with an empty body, as the real API does.
 */
export class IxError extends Error {
  constructor(readonly status: number, readonly messages: string[] = []) {
    super(messages.join('; ') || `InvoiceXpress error ${status}`);
    this.name = 'IxError';
  }
}

export const ixInvalid = (...messages: string[]) => new IxError(422, messages);
export const ixNotFound = () => new IxError(404);
