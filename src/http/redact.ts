/** Query parameters that carry credentials in the compatibility APIs; never logged. */
const SECRET_PARAMS = /([?&](?:api_key|api_token|token|password|key)=)[^&]*/gi;

/**
 * Public links whose token is the credential: `/download/{id}/{token}` (and `/qr.png`),
 * `/download/saft/{id}/{token}` (InvoiceXpress's keyless PDF, QR and SAF-T links), and bill.pt's
 * `/documentos/download/{id}/{token}`.
 */
const PATH_TOKENS = /(\/download\/(?:saft\/)?[^/?#]+\/)[^/?#]+/gi;

/** The access point's status webhook, `/v1/peppol/status/{token}`: the secret URL is its only credential. */
const STATUS_TOKEN = /(\/peppol\/status\/)[^/?#]+/gi;

export function redactUrl(url: string): string {
  return url
    .replace(SECRET_PARAMS, '$1[REDACTED]')
    .replace(PATH_TOKENS, '$1[REDACTED]')
    .replace(STATUS_TOKEN, '$1[REDACTED]');
}
