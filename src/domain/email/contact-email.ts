/**
 * What every API accepts as a contact's e-mail: something@domain.tld, no spaces. Loose on purpose (it is a field
 * of a customer record); what an e-mail is actually sent to is checked by `isEmailAddress` when it is sent.
 */
const CONTACT_EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function isContactEmail(v: string): boolean {
  return CONTACT_EMAIL.test(v);
}
