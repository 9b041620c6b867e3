import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';
import { setUserPassword } from '../../src/app/accounts/set-user-password.js';
import { startTestApp, type TestApp } from '../support/app.js';

/**
 * What the public bill.pt clients (test/fixtures/billpt-sdks/README.md) do over real HTTP, run against the dialect
 * listening on a port: each SDK test file gives its client's request layer, and `sdkFlowTests` drives it as the SDKs'
 * own examples do.
 */

export interface SdkAnswer {
  status: number;
  body: any;
}

export interface SdkClient {
  setToken(token: string): Promise<void>;
  /** The SDK's request(): api_token and method added to the parameters, sent as the SDK sends them. */
  request(method: string, route: string, params?: Record<string, unknown>): Promise<SdkAnswer>;
  /** The SDK's validToken(): false for a token under 120 characters, else whether `POST valid-token` is a 2xx. */
  validToken(): Promise<boolean>;
  /** The SDK's convertDocumentWithID(), when it has a working one: the document posted and the answer. */
  convert?(id: number, to: string): Promise<SdkAnswer & { sent: any }>;
  /** GET of the PDF link as the client's HTTP library does it. */
  download(url: string): Promise<{ status: number; contentType: string; head: string }>;
  close(): Promise<void>;
}

export interface SdkServer {
  t: TestApp;
  /** What replaces `https://app.bill.pt/` in the SDKs: `http://127.0.0.1:<port>/billpt/`. */
  domain: string;
  email: string;
  password: string;
  close(): Promise<void>;
}

const PASSWORD = 'uma senha longa';

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return port;
}

/**
 * The app listening on a free port, its owner with a password for `auth/login`. With `ownPort` the clients use
 * BILLPT_PORT's server instead (the dialect at the root of its own port: only the host of `https://app.bill.pt/`
 * changes), which starts from the main server's onListen hook without being awaited.
 */
export async function startSdkServer(opts: { ownPort?: boolean } = {}): Promise<SdkServer> {
  const billptPort = opts.ownPort ? await freePort() : undefined;
  const t = await startTestApp({
    dialects: { billpt: { rateLimitPerMinute: 1_000_000, ...(billptPort ? { port: billptPort } : {}) } } as never,
  });
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  const mainPort = (t.app.server.address() as { port: number }).port;
  const domain = billptPort ? `http://127.0.0.1:${billptPort}/` : `http://127.0.0.1:${mainPort}/billpt/`;
  for (let i = 0; billptPort && i < 250; i++) {
    if (
      await fetch(domain).then(
        () => true,
        () => false,
      )
    )
      break;
    await new Promise((r) => setTimeout(r, 20));
  }
  const { email } = await t.db.database.db
    .selectFrom('users')
    .select('email')
    .where('account_id', '=', t.account.accountId)
    .executeTakeFirstOrThrow();
  await t.db.database.db.transaction().execute((tx) => setUserPassword(tx, { email, password: PASSWORD }));
  return { t, domain, email, password: PASSWORD, close: () => t.close() };
}

/**
 * Why a runtime cannot run here, or undefined when it can. Under CI a missing runtime fails the test (CI installs
 * them: .ci/run); elsewhere the test is skipped with this reason.
 */
export function runtimeProblem(cmd: string, args: string[], expect: string, hint: string): string | undefined {
  const probe = spawnSync(cmd, args, { encoding: 'utf8' });
  if (probe.error) return `${cmd} is not installed (${(probe.error as NodeJS.ErrnoException).code}): ${hint}`;
  if (probe.stdout.trim() !== expect) return `${cmd} cannot run the client (${probe.stderr.trim()}): ${hint}`;
  return undefined;
}

export function skipUnlessCi(problem: string | undefined): string | false {
  if (!problem) return false;
  if (process.env.CI === 'true') {
    test('the client runtime is installed', () => assert.fail(problem));
    return false;
  }
  return problem;
}

/** A driver script (test/fixtures/billpt-sdks/*) answering one JSON line for each JSON line it is sent. */
export function lineDriver(cmd: string, args: string[]): SdkClient {
  const child: ChildProcessWithoutNullStreams = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const waiting: { resolve(v: any): void; reject(e: Error): void }[] = [];
  createInterface({ input: child.stdout }).on('line', (line) => {
    const next = waiting.shift();
    try {
      next?.resolve(JSON.parse(line));
    } catch {
      next?.reject(new Error(`${cmd} printed no JSON: ${line}\n${stderr}`));
    }
  });
  child.on('exit', (code) => {
    for (const w of waiting.splice(0)) w.reject(new Error(`${cmd} exited (${code}): ${stderr}`));
  });
  const send = (cmd: Record<string, unknown>): Promise<any> =>
    new Promise((resolve, reject) => {
      waiting.push({ resolve, reject });
      child.stdin.write(`${JSON.stringify(cmd)}\n`);
    });
  return {
    setToken: (token) => send({ op: 'token', token }),
    request: (method, route, params = {}) => send({ op: 'request', method, route, params }),
    validToken: async () => (await send({ op: 'validToken' })).valid,
    convert: (id, to) => send({ op: 'convert', id, to }),
    download: (url) => send({ op: 'download', url }),
    close: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.stdin.end();
      }),
  };
}

function ok(r: SdkAnswer, what: string) {
  assert.ok(r.status >= 200 && r.status < 300, `${what}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

function billptError(r: SdkAnswer): string[] {
  assert.ok(r.status >= 400 && r.status < 500, `expected a 4xx, got ${r.status} ${JSON.stringify(r.body)}`);
  assert.deepEqual(Object.keys(r.body), ['error']);
  return r.body.error;
}

let nifSeq = 0;
/** A Portuguese NIF no other test of the run uses (prefix 5, mod-11 check digit). */
function freshNif(): string {
  nifSeq += 1;
  const base = `5${String((process.pid * 7919 + nifSeq * 104729) % 1e7).padStart(7, '0')}`;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(base[i]) * (9 - i);
  const r = sum % 11;
  return base + (r < 2 ? 0 : 11 - r);
}
const unique = (tag: string) => `${tag}-${process.pid}-${(nifSeq += 1)}`;

export interface SdkCaps {
  /** createReceipt / createReceiptToDocumentWithID work in the SDK. */
  receipts: boolean;
}

/** The SDK examples' flow, one test per part; each part signs in and builds what it reads. */
/** A suite of the flow for a client whose request layer runs as a line driver (`lineDriver`) in another runtime. */
export function lineDriverSuite(title: string, cmd: string, driver: string, skip: string | false, caps: SdkCaps): void {
  describe(title, { skip }, () => {
    let server: SdkServer;
    let sdk: SdkClient;
    before(async () => {
      server = await startSdkServer();
      sdk = lineDriver(cmd, [driver, server.domain]);
    });
    after(async () => {
      await sdk?.close();
      await server?.close();
    });
    sdkFlowTests(() => ({ server, sdk }), caps);
  });
}

export function sdkFlowTests(get: () => { server: SdkServer; sdk: SdkClient }, caps: SdkCaps): void {
  async function signedIn() {
    const { server, sdk } = get();
    await sdk.setToken('');
    const user = ok(
      await sdk.request('POST', 'auth/login', { email: server.email, password: server.password }),
      'login',
    );
    await sdk.setToken(user.api_token);
    return { server, sdk, token: user.api_token as string };
  }

  async function customerAndItem(sdk: SdkClient) {
    const taxes = ok(await sdk.request('GET', 'impostos'), 'impostos') as { id: number; valor: number }[];
    const tax23 = taxes.find((x) => x.valor === 23)!.id;
    const unit = ok(await sdk.request('GET', 'unidades-medida'), 'unidades')[0].id;
    const contact = ok(
      await sdk.request('POST', 'contatos', { nome: 'Raul Borges', nif: freshNif(), country: 'PT' }),
      'createContact',
    );
    const item = ok(
      await sdk.request('POST', 'items', {
        descricao: 'Porta de Madeira',
        codigo: unique('AAA'),
        unidade_medida_id: unit,
        imposto_id: tax23,
        iva_compra: tax23,
      }),
      'createItem',
    );
    return { contactId: contact.id as number, itemId: item.id as number, tax23, unit };
  }

  const line = (itemId: number, extra: Record<string, unknown> = {}) => ({
    item_id: itemId,
    nome: 'Porta de Madeira',
    quantidade: 1,
    imposto: 23,
    preco_unitario: 12,
    ...extra,
  });

  test("every route the SDKs name answers 2xx or a 4xx in bill.pt's envelope (never 401, never a 5xx), with no parameters", async () => {
    const { sdk } = await signedIn();
    const none = 999_999_999;
    const catalogs = ['metodos-expedicao', 'unidades-medida', 'viaturas', 'series', 'impostos', 'lojas'];
    const calls: [string, string][] = [
      ...[
        'tipos-documento',
        'tipos-documento/faturas',
        'metodos-pagamento',
        'motivos-isencao',
        'contatos',
        `contatos/${none}`,
        'items',
        `items/${none}`,
        'documentos',
        `documentos/${none}`,
        'stock',
        'stock/singular',
        'stock/movimentos',
        'movimentos-pendentes',
        'movimentos-pendentes/multiplos',
        `movimentos-pendentes/${none}`,
        'tipos',
        'categorias',
        'estados',
        'smtp',
        'email-template',
        ...catalogs,
      ].map((r) => ['GET', r] as [string, string]),
      ...[
        ...catalogs,
        'contatos',
        'items',
        'documentos',
        'documentos/saldo-inicial',
        'documentos/adicionar/codigo-at',
        'documentos/enviar-por-email',
        'documentos/nota-documento',
        'recibos/',
        `recibos/pagar/${none}`,
        'tipos',
        'categorias',
        'estados',
        'estados/mudar-estado',
        'email-template',
      ].map((r) => ['POST', r] as [string, string]),
      ...[...catalogs, 'contatos', 'items', 'tipos', 'categorias', 'estados', 'email-template'].map(
        (r) => ['PATCH', `${r}/${none}`] as [string, string],
      ),
      ['PATCH', 'documentos'],
      ...[...catalogs, 'contatos', 'items', 'documentos', 'estados', 'email-template'].map(
        (r) => ['DELETE', `${r}/${none}`] as [string, string],
      ),
    ];
    const wrong: string[] = [];
    for (const [method, route] of calls) {
      const r = await sdk.request(method, route);
      const enveloped = r.body && Array.isArray(r.body.error) && Object.keys(r.body).length === 1;
      // 401 would say the token in the body went unread.
      const fine =
        (r.status >= 200 && r.status < 300) || (r.status >= 400 && r.status < 500 && r.status !== 401 && enveloped);
      if (!fine) wrong.push(`${method} ${route}: ${r.status} ${JSON.stringify(r.body).slice(0, 120)}`);
    }
    assert.deepEqual(wrong, []);
  });

  test('auth/login gives the token the SDK then sends; validToken() is true for it and false otherwise', async () => {
    const { sdk, token } = await signedIn();
    assert.ok(token.length >= 120, 'the SDKs refuse tokens under 120 characters');
    assert.equal(await sdk.validToken(), true);
    await sdk.setToken(`${token.slice(0, -4)}xxxx`);
    assert.equal(await sdk.validToken(), false, 'an unknown token is not a 2xx');
    const refused = await sdk.request('GET', 'series');
    assert.equal(refused.status, 401);
    assert.deepEqual(billptError(refused), ['208']);
    await sdk.setToken('curto');
    assert.equal(await sdk.validToken(), false);
  });

  test('catalogs, and a measurement unit created, renamed and deleted (the examples)', async () => {
    const { sdk } = await signedIn();
    const types = ok(await sdk.request('GET', 'tipos-documento'), 'getDocumentAllTypes') as { tipificacao: string }[];
    assert.ok(types.some((x) => x.tipificacao === 'FT'));
    for (const route of ['metodos-pagamento', 'metodos-expedicao', 'series', 'impostos', 'motivos-isencao', 'lojas'])
      assert.ok(Array.isArray(ok(await sdk.request('GET', route), route)), route);
    const kelvin = ok(await sdk.request('POST', 'unidades-medida', { nome: 'Kelvin', simbolo: 'K' }), 'createUnit');
    assert.equal(kelvin.simbolo, 'K');
    const renamed = ok(await sdk.request('PATCH', `unidades-medida/${kelvin.id}`, { nome: 'Grau Kelvin' }), 'update');
    assert.equal(renamed.nome, 'Grau Kelvin');
    ok(await sdk.request('DELETE', `unidades-medida/${kelvin.id}`), 'deleteMeasurementUnit');
    const units = ok(await sdk.request('GET', 'unidades-medida'), 'units') as { id: number }[];
    assert.ok(!units.some((u) => u.id === kelvin.id));
  });

  test('contacts and items: created, searched with a JSON body on GET, read and updated', async () => {
    const { sdk } = await signedIn();
    const nif = freshNif();
    const contact = ok(await sdk.request('POST', 'contatos', { nome: 'John Doe', nif, country: 'PT' }), 'create');
    assert.equal(contact.pais, 'PT', "the examples' `country` key");
    const found = ok(await sdk.request('GET', 'contatos', { pesquisa: { nif } }), 'getContacts');
    assert.equal(found.total, 1, 'the search travels in the GET body');
    assert.equal(found.data[0].id, contact.id);
    assert.equal(ok(await sdk.request('GET', `contatos/${contact.id}`), 'getContactWithID').nome, 'John Doe');
    const updated = ok(await sdk.request('PATCH', `contatos/${contact.id}`, { telefone_contacto: '210000000' }), 'upd');
    assert.equal(updated.telefone_contacto, '210000000');
    // The examples' own NIF (8 digits) is refused in bill.pt's envelope.
    assert.deepEqual(
      billptError(await sdk.request('POST', 'contatos', { nome: 'John Doe', nif: '12345789', country: 'PT' })),
      ['206'],
    );

    const { itemId, tax23 } = await customerAndItem(sdk);
    const item = ok(await sdk.request('GET', `items/${itemId}`), 'getItemWithID');
    assert.equal(item.descricao, 'Porta de Madeira');
    assert.equal(item.iva_compra, tax23, 'iva_compra is a tax id, as in the examples');
    const items = ok(await sdk.request('GET', 'items', { pesquisa: { codigo: item.codigo } }), 'getItems');
    assert.equal(items.total, 1);
    const renamed = ok(await sdk.request('PATCH', `items/${itemId}`, { descricao: 'Porta de Carvalho' }), 'updateItem');
    assert.equal(renamed.descricao, 'Porta de Carvalho');
  });

  test('documents: a draft then finalized, final at once, new contact and new product inline; listed, read, PDF', async () => {
    const { server, sdk } = await signedIn();
    const { contactId, itemId, unit } = await customerAndItem(sdk);
    const draftInput = { contato_id: contactId, tipificacao: 'FT', produtos: [line(itemId, { quantidade: 2 })] };
    const draft = ok(await sdk.request('POST', 'documentos', { ...draftInput, terminado: 0 }), 'draft');
    assert.equal(draft.terminado, 0);
    assert.equal(draft.invoice_number, null);
    const final = ok(await sdk.request('POST', 'documentos', { ...draftInput, id: draft.id, terminado: 1 }), 'final');
    assert.match(final.invoice_number, /^FT \S+\/\d+$/);
    assert.equal(final.gross_total, '29.52');
    assert.equal((await sdk.request('GET', `documentos/${draft.id}`)).status, 404, 'the finalized draft is gone');

    const consumer = ok(
      await sdk.request('POST', 'documentos', { tipificacao: 'FT', produtos: [line(itemId)], terminado: 1 }),
      'final consumer',
    );
    assert.equal(consumer.contato.nif, '999999990');
    const newContact = ok(
      await sdk.request('POST', 'documentos', {
        contato: { nome: 'Cliente Novo', pais: 'PT', nif: freshNif() },
        tipificacao: 'FT',
        produtos: [line(itemId)],
        terminado: 1,
      }),
      'invoice for a new contact',
    );
    assert.notEqual(newContact.contato_id, contactId);
    assert.equal(newContact.contato.nome, 'Cliente Novo');
    const codigo = unique('AAA39922');
    const fr = ok(
      await sdk.request('POST', 'documentos', {
        contato_id: contactId,
        tipificacao: 'FR',
        produtos: [
          {
            codigo,
            nome: 'Janela XPTO',
            unidade_medida_id: unit,
            ProductCategory: 'P',
            movimenta_stock: 1,
            quantidade: 1,
            imposto: 23,
            preco_unitario: 12,
          },
        ],
        terminado: 1,
      }),
      'FR with a product that does not exist yet',
    );
    assert.match(fr.invoice_number, /^FR /);
    const created = ok(await sdk.request('GET', 'items', { pesquisa: { codigo } }), 'the new product');
    assert.equal(created.total, 1);

    const listed = ok(await sdk.request('GET', 'documentos', { pesquisa: { contato_id: contactId } }), 'getDocuments');
    const ids = (listed.data as { id: number }[]).map((d) => d.id);
    assert.ok(ids.includes(final.id) && ids.includes(fr.id), JSON.stringify(ids));
    const read = ok(await sdk.request('GET', `documentos/${final.id}`), 'getDocumentWithID');
    assert.equal(read.lancamentos.length, 1);
    assert.equal(read.lancamentos[0].item_id, itemId);

    const pdf = await sdk.download(`${server.domain}documentos/download/${final.id}/${final.token_download}`);
    assert.equal(pdf.status, 200);
    assert.match(pdf.contentType, /^application\/pdf/);
    assert.equal(pdf.head, '%PDF-');

    const other = ok(await sdk.request('POST', 'documentos', { ...draftInput, terminado: 0 }), 'another draft');
    ok(await sdk.request('DELETE', `documentos/${other.id}`), 'deleteDocument');
    assert.equal((await sdk.request('GET', `documentos/${other.id}`)).status, 404);
  });

  test('void: PATCH documentos with documento_id and motivo_anular', async () => {
    const { sdk } = await signedIn();
    const { contactId, itemId } = await customerAndItem(sdk);
    const ft = ok(
      await sdk.request('POST', 'documentos', {
        contato_id: contactId,
        tipificacao: 'FT',
        produtos: [line(itemId)],
        terminado: 1,
      }),
      'invoice',
    );
    // Python's void_document() sends this; the PHP and Node SDKs have no such method: their users call request().
    const voided = ok(
      await sdk.request('PATCH', 'documentos', { documento_id: ft.id, motivo_anular: 'Erro no preço.' }),
      'void',
    );
    assert.deepEqual(voided, { id: ft.id, estado: 'A' });
    const read = ok(await sdk.request('GET', `documentos/${ft.id}`), 'read');
    assert.equal(read.estado, 'A');
    assert.equal(read.motivo, 'Erro no preço.');
  });

  if (caps.receipts)
    test('receipts: for what a document owes, and a manual one paying part of two documents', async () => {
      const { sdk } = await signedIn();
      const { contactId, itemId } = await customerAndItem(sdk);
      const invoice = async (price: number) =>
        ok(
          await sdk.request('POST', 'documentos', {
            contato_id: contactId,
            tipificacao: 'FT',
            produtos: [line(itemId, { preco_unitario: price })],
            terminado: 1,
          }),
          'invoice',
        );
      const [a, b, c] = [await invoice(100), await invoice(100), await invoice(100)];
      const paid = ok(await sdk.request('POST', `recibos/pagar/${a.id}`), 'createReceiptToDocumentWithID');
      assert.match(paid.invoice_number, /^RC \S+\/\d+$/);
      assert.equal(paid.gross_total, 123, 'receipts answer numbers, as bill.pt does');
      const manual = ok(
        await sdk.request('POST', 'recibos/', {
          contato_id: contactId,
          tipo_documento_id: 28,
          documentos: [
            { documento_id: b.id, total: 100, total_desconto: 0 },
            { documento_id: c.id, total: 89, total_desconto: 0 },
          ],
        }),
        'createReceipt',
      );
      assert.equal(manual.gross_total, 189);
      // A settlement discount (the examples' second line) is refused cleanly: the core keeps none on receipts.
      assert.deepEqual(
        billptError(
          await sdk.request('POST', 'recibos/', {
            contato_id: contactId,
            tipo_documento_id: 28,
            documentos: [{ documento_id: c.id, total: 10, total_desconto: 10 }],
          }),
        ),
        ['9.documentos.0.total_desconto'],
      );
    });

  test('credit notes: a partial one naming the line; a total one and an invoice from a quote by conversion', async () => {
    const { sdk } = await signedIn();
    const { contactId, itemId } = await customerAndItem(sdk);
    const ft = ok(
      await sdk.request('POST', 'documentos', {
        contato_id: contactId,
        tipificacao: 'FT',
        produtos: [line(itemId, { quantidade: 3 })],
        terminado: 1,
      }),
      'invoice',
    );
    const parent = ok(await sdk.request('GET', `documentos/${ft.id}`), 'read').lancamentos[0];
    const partial = ok(
      await sdk.request('POST', 'documentos', {
        contato_id: contactId,
        tipificacao: 'NC',
        produtos: [line(itemId, { referencia_manual: ft.invoice_number, lancamento_pai_id: parent.id })],
        terminado: 1,
      }),
      'partial credit note',
    );
    assert.match(partial.invoice_number, /^NC /);
    assert.equal(partial.gross_total, '14.76');

    const { convert } = get().sdk;
    if (!convert) return;
    const other = ok(
      await sdk.request('POST', 'documentos', {
        contato_id: contactId,
        tipificacao: 'FT',
        produtos: [line(itemId, { quantidade: 2 }), line(itemId, { preco_unitario: 5 })],
        terminado: 1,
      }),
      'invoice',
    );
    const total = await convert(other.id, 'NC');
    assert.equal(total.status, 200, JSON.stringify(total.body));
    assert.match(total.body.invoice_number, /^NC /);
    assert.equal(total.body.gross_total, other.gross_total);
    assert.equal(total.sent.produtos.length, 2);
    assert.ok('gross_total' in total.sent.produtos[0], 'each line is sent back whole');
    const lines = total.body.lancamentos as { lancamento_pai_id: number }[];
    const parents = ok(await sdk.request('GET', `documentos/${other.id}`), 'read').lancamentos.map(
      (l: { id: number }) => l.id,
    );
    assert.deepEqual(
      lines.map((l) => l.lancamento_pai_id),
      parents,
    );
    // Crediting it again is more than the invoice's net total: bill.pt's 209.
    assert.deepEqual(billptError(await convert(other.id, 'NC')), ['209']);

    const quote = ok(
      await sdk.request('POST', 'documentos', {
        contato_id: contactId,
        tipificacao: 'ORC',
        produtos: [line(itemId)],
        terminado: 1,
      }),
      'quote',
    );
    const invoiced = await convert(quote.id, 'FT');
    assert.equal(invoiced.status, 200, JSON.stringify(invoiced.body));
    assert.match(invoiced.body.invoice_number, /^FT /);
    assert.equal(invoiced.body.gross_total, '14.76');
  });
}
