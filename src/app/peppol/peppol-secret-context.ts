/** The authenticated context of an account's sealed access-point secret: a sealed value copied to another account does not open. */
export function peppolSecretContext(accountId: number): string {
  return `peppol-secret:${accountId}`;
}
