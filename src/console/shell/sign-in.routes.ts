import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { endAllSessions } from '../../app/console/end-all-sessions.js';
import { endSession } from '../../app/console/end-session.js';
import { signInWithApiKey } from '../../app/console/sign-in-with-api-key.js';
import { signInWithPassword } from '../../app/console/sign-in-with-password.js';
import { DomainError } from '../../domain/errors.js';
import { ctxOf } from '../../http/kit/request-context.js';
import type { Services } from '../../server/services.js';
import { clearSessionCookie, cookieOptions, safeNext, setSessionCookie } from './cookies.js';
import { isConsoleLang, LANG_COOKIE } from './i18n.js';
import { signInLimit } from './sign-in-limit.js';

type Form = Record<string, unknown>;

/** A form field as text: absent, repeated or non-text values read as ''. */
function field(body: unknown, name: string): string {
  const v = body && typeof body === 'object' ? (body as Form)[name] : undefined;
  return typeof v === 'string' ? v : '';
}

interface SignInView {
  next: string;
  email: string;
  errors: Record<string, string>;
  /** Which form failed ('password' or 'key'), so the key form is opened when it was the one used. */
  failed?: 'password' | 'key';
}

function signInPage(reply: FastifyReply, view: SignInView, status = 200): FastifyReply {
  return reply.page('shell/views/sign-in', { ...view }, { status, title: 'shell.signIn.title' });
}

/** Sign-in (password or API key), sign-out, sign-out everywhere, the language switch, and /console itself. */
export async function signInRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const guard = signInLimit(app);
  const db = services.database.db;

  app.get('/', async (_request, reply) => reply.redirect('/console/documents', 303));

  app.get('/sign-in', async (request, reply) => {
    const next = safeNext((request.query as Form).next);
    if (request.consoleSession) return reply.redirect(next, 303);
    return signInPage(reply, { next, email: '', errors: {} });
  });

  app.post('/sign-in', async (request, reply) => {
    const body = request.body;
    const next = safeNext(field(body, 'next'));
    const apiKey = field(body, 'apiKey').trim();
    const email = field(body, 'email').trim();
    const password = field(body, 'password');
    const usingKey = apiKey !== '' || (email === '' && password === '' && field(body, 'mode') === 'key');
    if (usingKey) {
      if (!apiKey)
        return signInPage(reply, { next, email, errors: { apiKey: 'shell.signIn.required' }, failed: 'key' }, 422);
    } else {
      const errors: Record<string, string> = {};
      if (!email) errors.email = 'shell.signIn.required';
      if (!password) errors.password = 'shell.signIn.required';
      if (Object.keys(errors).length) return signInPage(reply, { next, email, errors, failed: 'password' }, 422);
    }
    try {
      const started = await guard(request, usingKey ? '' : email, () =>
        db
          .transaction()
          .execute((tx) =>
            usingKey
              ? signInWithApiKey(tx, new Date(), { apiKey })
              : signInWithPassword(tx, new Date(), { email, password }),
          ),
      );
      setSessionCookie(request, reply, started.token);
      return reply.redirect(next, 303);
    } catch (err) {
      if (!(err instanceof DomainError) || err.code !== 'unauthenticated') throw err;
      // NOTE: one message for a wrong e-mail or a wrong password: the form does not tell which part was wrong.
      return signInPage(
        reply,
        usingKey
          ? { next, email, errors: { form: 'shell.signIn.keyFailed' }, failed: 'key' }
          : { next, email, errors: { form: 'shell.signIn.failed' }, failed: 'password' },
        401,
      );
    }
  });

  app.post('/sign-out', async (request, reply) => {
    const s = request.consoleSession;
    if (s) await db.transaction().execute((tx) => endSession(tx, ctxOf(request), { sessionId: s.sessionId }));
    return signedOut(request, reply);
  });

  app.post('/sign-out-all', async (request, reply) => {
    if (request.consoleSession) await db.transaction().execute((tx) => endAllSessions(tx, ctxOf(request)));
    return signedOut(request, reply);
  });

  app.get('/lang', async (request, reply) => {
    const q = request.query as Form;
    if (isConsoleLang(q.to)) {
      reply.setCookie(LANG_COOKIE, q.to, cookieOptions(request, { maxAge: 365 * 24 * 3600 }));
    }
    return reply.redirect(safeNext(q.next), 303);
  });
}

function signedOut(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  clearSessionCookie(request, reply);
  return reply.redirect('/console/sign-in', 303);
}
