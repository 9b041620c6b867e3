/**
 * An answer in InvoiceXpress's error envelope: `{"errors":[{"error":"…"}]}`, or `<errors><error>…</error></errors>`
 * on `.xml` routes. The real API leaves 401/404/409 bodies empty; the envelope is sent with every status anyway,
 * since clients read the status first and a message helps whoever reads the body.
 */
export class IxError extends Error {
  constructor(
    readonly status: number,
    readonly messages: string[] = [],
  ) {
    super(messages.join('; ') || `InvoiceXpress error ${status}`);
    this.name = 'IxError';
  }
}

export const ixInvalid = (...messages: string[]) => new IxError(422, messages);
export const ixNotFound = () => new IxError(404);
