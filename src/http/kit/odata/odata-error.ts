/**
 * A list query the kit refuses, with what the dialect needs to word it its own way: `syntax` (not OData),
 * `property` (a field the dialect doesn't filter or sort on: Billit answers its GenericError text), `unsupported`
 * (OData the app's filter can't express, e.g. `or` across two fields), `option` (a bad `$top`/`$skip`).
 */
export class ODataError extends Error {
  constructor(
    readonly kind: 'syntax' | 'property' | 'unsupported' | 'option',
    message: string,
    /** The property as the client wrote it, for `property`. */
    readonly property?: string,
  ) {
    super(message);
    this.name = 'ODataError';
  }
}
