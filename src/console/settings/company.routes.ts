import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { getAccount } from '../../app/accounts/get-account.js';
import { setBankAccount } from '../../app/accounts/set-bank-account.js';
import { updateCompany } from '../../app/accounts/update-company.js';
import { inTransaction } from '../../app/context.js';
import { deleteAccountLogo } from '../../app/pdf/delete-account-logo.js';
import { getAccountLogo } from '../../app/pdf/get-account-logo.js';
import { LOGO_MAX_BYTES, setAccountLogo } from '../../app/pdf/set-account-logo.js';
import { DomainError } from '../../domain/errors.js';
import { ctxOf } from '../../http/kit/request-context.js';
import type { Services } from '../../server/services.js';
import { CSRF_IN_MULTIPART, csrfValid } from '../shell/csrf.js';
import { type FieldErrors, fieldErrorsOf, formOf, text } from './form.js';
import { LogoCsrfError, readLogoUpload } from './logo-upload.js';

const SAVED = ['company', 'bank', 'logo', 'logo-removed'];
const COMPANY_FIELDS = ['legalName', 'tradeName', 'street', 'postalCode', 'city', 'email', 'phone', 'website'] as const;
type CompanyValues = Record<(typeof COMPANY_FIELDS)[number], string>;

/** Company data (all but the tax id and country), bank account, and the logo printed on documents. */
export async function companyRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const db = services.database.db;

  const show = async (
    request: FastifyRequest,
    reply: FastifyReply,
    opts: { status?: number; errors?: FieldErrors; values?: Record<string, string>; company?: CompanyValues } = {},
  ) => {
    const { accountId } = ctxOf(request);
    const account = await getAccount(db, accountId);
    const logo = await getAccountLogo(db, accountId).then(
      (l) => ({ contentType: l.contentType, size: l.bytes.length, sha256: l.sha256 }),
      (err: unknown) => {
        if (err instanceof DomainError && err.code === 'not_found') return null;
        throw err;
      },
    );
    const saved = String((request.query as { saved?: string }).saved ?? '');
    return reply.page(
      'settings/views/company',
      {
        account,
        logo,
        logoMaxBytes: LOGO_MAX_BYTES,
        errors: opts.errors ?? {},
        values: opts.values ?? { iban: account.iban ?? '', bic: account.bic ?? '' },
        company: opts.company ?? Object.fromEntries(COMPANY_FIELDS.map((f) => [f, account[f] ?? ''])),
        saved: SAVED.includes(saved) ? saved : null,
      },
      { status: opts.status, title: 'settings.company.title' },
    );
  };

  app.get('/settings', (request, reply) => show(request, reply));

  app.post('/settings/company', async (request, reply) => {
    const form = formOf(request);
    const company = Object.fromEntries(COMPANY_FIELDS.map((f) => [f, text(form, f)])) as CompanyValues;
    try {
      await inTransaction(db, (tx) =>
        updateCompany(tx, ctxOf(request).accountId, {
          ...company,
          ...Object.fromEntries(
            COMPANY_FIELDS.filter((f) => f !== 'legalName').map((f) => [f, company[f].trim() || null]),
          ),
        }),
      );
    } catch (err) {
      const errors = fieldErrorsOf(err);
      if (!errors) throw err;
      return show(request, reply, { status: 422, errors, company });
    }
    return reply.redirect('/console/settings?saved=company', 303);
  });

  app.post('/settings/bank', async (request, reply) => {
    const form = formOf(request);
    const values = { iban: text(form, 'iban').trim(), bic: text(form, 'bic').trim() };
    try {
      await inTransaction(db, (tx) =>
        setBankAccount(tx, ctxOf(request).accountId, { iban: values.iban || null, bic: values.bic || null }),
      );
    } catch (err) {
      const errors = fieldErrorsOf(err);
      if (!errors) throw err;
      return show(request, reply, { status: 422, errors, values });
    }
    return reply.redirect('/console/settings?saved=bank', 303);
  });

  app.post('/settings/logo', { config: CSRF_IN_MULTIPART }, async (request, reply) => {
    let read: Awaited<ReturnType<typeof readLogoUpload>>;
    try {
      read = await readLogoUpload(request, LOGO_MAX_BYTES, (token) => csrfValid(request, reply, token));
    } catch (err) {
      if (err instanceof LogoCsrfError) throw new DomainError('forbidden', 'The form has expired: reload the page.');
      throw err;
    }
    if ('errors' in read) return show(request, reply, { status: 422, errors: read.errors });
    try {
      const accountId = ctxOf(request).accountId;
      await inTransaction(db, (tx) => setAccountLogo(tx, accountId, read.bytes));
    } catch (err) {
      const errors = fieldErrorsOf(err);
      if (!errors) throw err;
      return show(request, reply, { status: 422, errors });
    }
    return reply.redirect('/console/settings?saved=logo', 303);
  });

  app.post('/settings/logo/delete', async (request, reply) => {
    await inTransaction(db, (tx) => deleteAccountLogo(tx, ctxOf(request).accountId));
    return reply.redirect('/console/settings?saved=logo-removed', 303);
  });

  app.get('/settings/logo', async (request, reply) => {
    const logo = await getAccountLogo(db, ctxOf(request).accountId);
    return reply
      .header('content-type', logo.contentType)
      .header('cache-control', 'private, no-cache')
      .header('etag', `"${logo.sha256}"`)
      .send(Buffer.from(logo.bytes));
  });
}
