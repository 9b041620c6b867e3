import { communicateDocumentNow } from '../../../app/at/communicate-document-now.js';
import { getAtSettings } from '../../../app/at/get-at-settings.js';
import { listAtCommunications } from '../../../app/at/list-at-communications.js';
import { setAtCode } from '../../../app/at/set-at-code.js';
import { testAtConnection } from '../../../app/at/test-at-connection.js';
import { updateAtSettings } from '../../../app/at/update-at-settings.js';
import { getDocument } from '../../../app/documents/get-document.js';
import { DOC_TYPE_INFO, type DocType } from '../../../domain/documents/types.js';
import { BillptError } from '../billpt-error.js';
import type { Route } from '../context.js';
import { AT_FIELDS, DOCUMENT_FIELDS } from '../field-names.js';
import { laravelPage, lisbonStamp } from '../format.js';
import { isBoolean, isTrue, readPage, readSearch } from '../search.js';

/** bill.pt's log types: `guia` (transport documents), `documento` (invoices), `serie` (series); bill.pt's `saft` has no counterpart. */
const TYPE_OF_SERVICE: Record<string, string> = { transport: 'guia', invoices: 'documento', series: 'serie' };
const SERVICE_OF_TYPE: Record<string, string> = {
  guia: 'transport',
  documento: 'invoices',
  fatura: 'invoices',
  serie: 'series',
};

export function atRoutes(route: Route): void {
  // The AT sub-user (NIF/n) and its password; stored sealed by the core.
  route('POST', '/at/configurar', { billptFields: AT_FIELDS }, async (c) => {
    const userKey = c.input.key('user', 'username', 'utilizador', 'at_user', 'login') ?? 'user';
    const passKey = c.input.key('password', 'senha', 'at_password') ?? 'password';
    const username = c.input.text(userKey);
    const password = c.input.text(passKey);
    if (!username) c.input.issues.push(`1.${userKey}`);
    if (!password) c.input.issues.push(`1.${passKey}`);
    c.input.check();
    await c.tx((tx) => updateAtSettings(tx, c.at(), c.accountId, { username, password }));
    return { success: true };
  });

  // Logs in to AT with the stored credentials.
  route('POST', '/at/teste-dados-at', { billptFields: AT_FIELDS }, async (c) => {
    const r = await testAtConnection(c.db, c.at(), c.accountId, c.ctx.now);
    if (r.ok) return { success: 'Login feito com sucesso' };
    throw new BillptError(r.retryable ? 409 : 422, [r.retryable ? '276' : '277'], r.message);
  });

  // Whether the stored credentials were tested successfully since they last changed.
  route('POST', '/at/estado-configuracao', { billptFields: AT_FIELDS }, async (c) => {
    const settings = await getAtSettings(c.db, c.at(), c.accountId);
    if (!settings.username || !settings.passwordSet || !settings.updatedAt) return { login_at_valido: 0 };
    const last = await listAtCommunications(
      c.db,
      c.accountId,
      { operations: ['consultarSeries'] },
      { page: 1, perPage: 1 },
    );
    const test = last.items[0];
    const valid =
      !!test &&
      test.status === 'success' &&
      new Date(test.started_at.replace(' ', 'T').replace(/([+-]\d{2})$/, '$1:00')) >= new Date(settings.updatedAt);
    return { login_at_valido: valid ? 1 : 0 };
  });

  route('POST', '/at/registo-comunicacoes', { billptFields: AT_FIELDS }, async (c) => {
    const search = readSearch(c.input, { exact: ['tipo', 'sucesso'], like: ['info', 'resultado'] });
    const page = readPage(c.input, 40);
    c.input.check();
    let services: string[] | undefined;
    let statuses: ('success' | 'retryable' | 'permanent' | 'skipped')[] | undefined;
    for (const [field, value] of search.exact) {
      if (field === 'tipo') services = [SERVICE_OF_TYPE[value.toLowerCase()] ?? '-'];
      else if (!isBoolean(value)) throw new BillptError(422, ['5.pesquisa.sucesso']);
      else statuses = isTrue(value) ? ['success'] : ['retryable', 'permanent', 'skipped'];
    }
    const result = await listAtCommunications(c.db, c.accountId, { services, statuses }, page);
    const rows = result.items.map((r) => ({
      id: r.id,
      empresa_id: c.accountId,
      tipo: TYPE_OF_SERVICE[r.service] ?? r.service,
      info: [r.operation, r.document_id ? `documento ${r.document_id}` : null, r.at_code].filter(Boolean).join(' '),
      resultado: [r.return_code, r.return_message].filter(Boolean).join(' '),
      sucesso: r.status === 'success' ? 1 : 0,
      created_at: lisbonStamp(r.started_at),
      updated_at: lisbonStamp(r.finished_at),
    }));
    // NOTE: the text search applies to the page read (the log is searched by type and outcome in the database).
    const like = search.like.map(([f, v]) => [f, v.toLowerCase()] as const);
    const data = rows.filter((r) =>
      like.every(([f, v]) =>
        String(r[f as 'info' | 'resultado'])
          .toLowerCase()
          .includes(v),
      ),
    );
    return laravelPage(c.request, { ...result, total: like.length ? data.length : result.total }, data);
  });

  // Communicate a transport document to AT now; AT's code comes back.
  route('POST', '/documentos/comunicar/guia/:id', { billptFields: DOCUMENT_FIELDS }, async (c) => {
    const { doc } = await getDocument(c.db, c.accountId, c.id);
    if (DOC_TYPE_INFO[doc.doc_type as DocType]?.family !== 'transport')
      throw new BillptError(422, ['9.id'], 'Not a transport document.');
    const r = await communicateDocumentNow(c.db, c.at(), c.ctx, c.id);
    // Queued for a later attempt: bill.pt answers that the communication failed and may be tried again.
    if (r.queued || !r.atCode) throw new BillptError(409, ['276'], r.message);
    return { resultado: r.message, codigo_at: r.atCode };
  });

  // Record by hand the code AT gave a transport document.
  route(
    'POST',
    '/documentos/adicionar/codigo-at',
    { billptFields: DOCUMENT_FIELDS, billptDocField: 'documento_id' },
    async (c) => {
      c.input.require('documento_id', 'id');
      const id = c.input.id('documento_id', 'id');
      const codeKey = c.input.key('codigo_at', 'codigo') ?? 'codigo_at';
      const code = c.input.text(codeKey);
      if (!code) c.input.issues.push(`1.${codeKey}`);
      c.input.check();
      await c.tx((tx) => setAtCode(tx, c.ctx, id!, code!));
      const { doc } = await getDocument(c.db, c.accountId, id!);
      return { id: doc.id, invoice_number: doc.doc_no, codigo_at: doc.at_code ?? '' };
    },
  );
}
