import { loginWithPassword } from '../../../app/accounts/login-with-password.js';
import { BillptError } from '../billpt-error.js';
import type { Route } from '../context.js';
import { AUTH_FIELDS } from '../field-names.js';
import { isContactEmail } from '../../../domain/email/contact-email.js';

export function authRoutes(route: Route): void {
  // E-mail and password → the user with their one login token as `api_token` (the same at every login).
  route('POST', '/auth/login', { billptAuth: false, billptFields: AUTH_FIELDS }, async (c) => {
    const email = c.input.text('email');
    const password = c.input.text('password');
    if (!email) c.input.issues.push('1.email');
    else if (!isContactEmail(email)) c.input.issues.push('2.email');
    if (!password) c.input.issues.push('1.password');
    c.input.check();
    // A wrong password counts as a failed authentication of the caller's address (429 past the limit).
    const user = await c.guardAuth(async () => {
      try {
        return await c.tx((tx) =>
          loginWithPassword(tx, { email: email!, password: password!, keyName: 'bill.pt login' }, c.at().secrets),
        );
      } catch (err) {
        if ((err as { code?: string }).code === 'unauthenticated') throw new BillptError(401, ['200']);
        throw err;
      }
    });
    return { id: user.id, nome: user.name, email: user.email, api_token: user.apiKey };
  });

  // The SDKs' validToken(): any 2xx means the token works (the hooks answer 202/208 otherwise).
  const valid = async () => ({ success: true });
  route('POST', '/valid-token', {}, valid);
  route('GET', '/valid-token', {}, valid);
}
