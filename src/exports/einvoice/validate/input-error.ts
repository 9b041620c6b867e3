/** Input that cannot be validated at all (not XML, not an e-invoice, too large): the edges answer it with a 4xx. */
export class EinvoiceInputError extends Error {
  constructor(
    message: string,
    readonly reason: 'too_large' | 'doctype' | 'malformed' | 'not_einvoice' | 'profile_syntax',
    readonly line?: number,
  ) {
    super(message);
    this.name = 'EinvoiceInputError';
  }
}
