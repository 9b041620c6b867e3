/** The two SOAP versions: told apart by the envelope's namespace and answered in kind. */
export type SoapVersion = '1.1' | '1.2';

export const ENVELOPE_NS: Record<SoapVersion, string> = {
  '1.1': 'http://schemas.xmlsoap.org/soap/envelope/',
  '1.2': 'http://www.w3.org/2003/05/soap-envelope',
};

export const CONTENT_TYPE: Record<SoapVersion, string> = {
  '1.1': 'text/xml; charset=utf-8',
  '1.2': 'application/soap+xml; charset=utf-8',
};

export function versionOfNamespace(ns: string | undefined): SoapVersion | undefined {
  if (ns === ENVELOPE_NS['1.1']) return '1.1';
  if (ns === ENVELOPE_NS['1.2']) return '1.2';
  return undefined;
}

/** The version to answer in when the envelope can't be read: SOAP 1.2 is sent as `application/soap+xml`. */
export function versionOfContentType(contentType: string | undefined): SoapVersion {
  return /application\/soap\+xml/i.test(contentType ?? '') ? '1.2' : '1.1';
}
