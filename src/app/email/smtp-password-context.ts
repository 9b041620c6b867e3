/** The authenticated context of an account's sealed SMTP password: a sealed value copied to another account does not open. */
export function smtpPasswordContext(accountId: number): string {
  return `smtp-password:${accountId}`;
}
