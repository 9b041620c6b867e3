import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { skipUnlessFakeAt } from '../support/fake-at-server.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';
import type { TestApp } from '../support/app.js';
import { futureLocal, startAtEnv, type AtAccount, type AtEnv } from '../at/at-env.js';
import { emailApp, settle } from '../email/email-env.js';
import { billptClient, type BillptClient } from './client.js';
import { basics, codes, invoice, ok, product, today } from './fixtures.js';

describe('AT through the bill.pt dialect', skipUnlessFakeAt(), () => {
  let env: AtEnv;
  let a: AtAccount;
  let bp: BillptClient;
  const guide = async (client: BillptClient, contactId: number, itemId: number) =>
    ok(
      await client.call('POST', 'documentos', {
        tipificacao: 'GT',
        contato_id: contactId,
        terminado: 1,
        data: `${today()} 08:00:00`,
        produtos: [{ item_id: itemId, quantidade: 1, preco_unitario: 5, imposto: 23 }],
        carga_morada: 'Rua A 1',
        carga_cidade: 'Lisboa',
        carga_codigo_postal: '1000-001',
        descarga_morada: 'Rua B 2',
        descarga_cidade: 'Porto',
        descarga_codigo_postal: '4000-001',
        data_carga: futureLocal(1).replace('T', ' '),
        viatura: 'AA-00-BB',
      }),
      'guide',
    );

  before(async () => {
    env = await startAtEnv({ dialects: { billpt: { rateLimitPerMinute: 1_000_000 } } });
    a = await env.account();
    bp = billptClient(env.t, a.apiKey);
    const series = (await a.call('GET', '/v1/series')).body[0];
    assert.equal((await a.call('POST', `/v1/series/${series.id}/register`, { docType: 'GT' })).status, 200);
    assert.equal((await a.call('POST', `/v1/series/${series.id}/register`, { docType: 'FT' })).status, 200);
  });
  after(async () => {
    await env?.close();
  });

  test('estado-configuracao: valid only once the stored credentials were tested since they last changed', async () => {
    assert.deepEqual(ok(await bp.call('POST', 'at/estado-configuracao')), { login_at_valido: 0 });
    assert.deepEqual(ok(await bp.call('POST', 'at/teste-dados-at')), { success: 'Login feito com sucesso' });
    assert.deepEqual(ok(await bp.call('POST', 'at/estado-configuracao')), { login_at_valido: 1 });
    assert.deepEqual(ok(await bp.call('POST', 'at/configurar', { user: a.username, password: a.password })), {
      success: true,
    });
    assert.deepEqual(ok(await bp.call('POST', 'at/estado-configuracao')), { login_at_valido: 0 });
    assert.deepEqual(ok(await bp.call('POST', 'at/teste-dados-at')), { success: 'Login feito com sucesso' });
    assert.deepEqual(codes(await bp.call('POST', 'at/configurar', { user: 'nao-e-um-nif' })), ['1.password']);
    assert.deepEqual(codes(await bp.call('POST', 'at/configurar', { user: 'nao-e-um-nif', password: 'x' })), [
      '9.user',
    ]);
  });

  test('a wrong AT password: 277; AT down while communicating: 276; no credentials at all: 250', async () => {
    const other = await env.t.newAccount({ sandbox: false, taxId: '509000002' });
    const bp2 = billptClient(env.t, other.apiKey);
    assert.deepEqual(codes(await bp2.call('POST', 'at/teste-dados-at')), ['250']);
    ok(await bp2.call('POST', 'at/configurar', { user: '509000002/9', password: 'errada' }));
    assert.deepEqual(codes(await bp2.call('POST', 'at/teste-dados-at')), ['277']);

    const b = await basics(bp);
    const g = await guide(bp, b.contactId, b.itemId);
    env.fake.failNext('http503');
    const down = await bp.call('POST', `documentos/comunicar/guia/${g.id}`);
    assert.deepEqual(codes(down), ['276']);
    const again = ok(await bp.call('POST', `documentos/comunicar/guia/${g.id}`));
    assert.match(again.codigo_at, /^\d+$/);
    const view = ok(await bp.call('GET', `documentos/${g.id}`));
    assert.deepEqual([view.comunicado, view.codigo_at], [1, again.codigo_at]);
  });

  test('the AT code by hand; only transport documents are guides; the log by type and outcome', async () => {
    const b = await basics(bp);
    const g = await guide(bp, b.contactId, b.itemId);
    assert.deepEqual(
      ok(await bp.call('POST', 'documentos/adicionar/codigo-at', { documento_id: g.id, codigo_at: '28283723' })),
      { id: g.id, invoice_number: g.invoice_number, codigo_at: '28283723' },
    );
    const inv = await invoice(bp, b);
    assert.deepEqual(codes(await bp.call('POST', `documentos/comunicar/guia/${inv.id}`)), ['9.id']);
    const guides = ok(await bp.call('POST', 'at/registo-comunicacoes', { pesquisa: { tipo: 'guia' } }));
    assert.ok(guides.total >= 1);
    assert.ok(guides.data.every((r: { tipo: string }) => r.tipo === 'guia'));
    const failed = ok(await bp.call('POST', 'at/registo-comunicacoes', { pesquisa: { sucesso: 0 } }));
    assert.ok(failed.data.every((r: { sucesso: number }) => r.sucesso === 0));
    assert.equal(
      ok(await bp.call('POST', 'at/registo-comunicacoes', { pesquisa: { tipo: 'saft' } })).total,
      0,
      'SAF-T is not sent to AT by this server',
    );
  });
});

describe('e-mail through the bill.pt dialect', () => {
  let t: TestApp;
  let sink: SmtpSink;
  let bp: BillptClient;
  before(async () => {
    sink = await startSmtpSink();
    t = await emailApp(sink, { dialects: { billpt: { rateLimitPerMinute: 1_000_000 } } });
    bp = billptClient(t, t.account.apiKey);
  });
  after(async () => {
    await t?.close();
    await sink?.close();
  });

  test('enviar-por-email queues the PDF and the worker sends it', async () => {
    const b = await basics(bp);
    const doc = await invoice(bp, b);
    assert.deepEqual(
      ok(await bp.call('POST', 'documentos/enviar-por-email', { documento_id: doc.id, email: 'cliente@example.com' })),
      ['Enviado com sucesso'],
    );
    await settle(t);
    const [mail] = await sink.waitFor(1);
    assert.deepEqual(mail.envelope.to, ['cliente@example.com']);
    assert.deepEqual(
      codes(await bp.call('POST', 'documentos/enviar-por-email', { documento_id: doc.id, email: 'não é e-mail' })),
      ['2.email'],
    );
    const draft = ok(
      await bp.call('POST', 'documentos', {
        tipificacao: 'FT',
        contato_id: b.contactId,
        produtos: [product(b)],
        terminado: 0,
      }),
    );
    assert.deepEqual(
      codes(
        await bp.call('POST', 'documentos/enviar-por-email', { documento_id: draft.id, email: 'cliente@example.com' }),
      ),
      ['272'],
    );
  });

  test('SMTP settings, the test e-mail and templates', async () => {
    const before = ok(await bp.call('GET', 'smtp'));
    assert.equal(before.origem, 'servidor');
    const set = ok(
      await bp.call('POST', 'smtp', {
        host: sink.host,
        porta: sink.port,
        seguranca: 'tls',
        email: 'faturas@empresa.pt',
      }),
    );
    assert.deepEqual(
      [set.host, set.porta, set.email, set.origem],
      [sink.host, sink.port, 'faturas@empresa.pt', 'conta'],
    );
    const count = sink.messages.length;
    assert.deepEqual(ok(await bp.call('POST', 'smtp/email-teste', { email: 'teste@example.com' })), [
      'Enviado com sucesso',
    ]);
    assert.equal(sink.messages.length, count + 1);
    assert.deepEqual(codes(await bp.call('POST', 'smtp', { host: 'não é host' })), ['9.host']);
    assert.equal((await bp.call('DELETE', 'smtp')).status, 204);
    assert.equal(ok(await bp.call('GET', 'smtp')).origem, 'servidor');

    const templates = ok(await bp.call('GET', 'email-template'));
    assert.deepEqual(
      templates.map((x: { id: number; lingua: string }) => [x.id, x.lingua]),
      [
        [1, 'pt'],
        [2, 'en'],
        [3, 'fr'],
      ],
    );
    const saved = ok(
      await bp.call('PATCH', 'email-template/2', { assunto: 'Invoice {{documentNumber}}', mensagem: 'Hello' }),
    );
    assert.deepEqual([saved.lingua, saved.assunto, saved.personalizado], ['en', 'Invoice {{documentNumber}}', 1]);
    assert.deepEqual(codes(await bp.call('POST', 'email-template', { lingua: 'pt', assunto: '{{naoExiste}}' })), [
      '9.assunto',
    ]);
    assert.equal((await bp.call('DELETE', 'email-template/2')).status, 204);
    assert.equal(ok(await bp.call('GET', 'email-template'))[1].personalizado, 0);
    assert.deepEqual(codes(await bp.call('DELETE', 'email-template/9')), ['9.id']);
  });
});
