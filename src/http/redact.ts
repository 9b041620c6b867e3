/** Query parameters that carry credentials in the compatibility APIs; never logged. */
const SECRET_PARAMS = /([?&](?:api_key|api_token|token|password|key)=)[^&]*/gi;

export function redactUrl(url: string): string {
  return url.replace(SECRET_PARAMS, '$1[REDACTED]');
}
