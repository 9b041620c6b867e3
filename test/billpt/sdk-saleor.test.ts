import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startSdkServer, type SdkServer } from './sdk-flow.js';

/**
 * afonsofigs/saleor-billpt-app (src/lib/invoice-generator/billptinvoice/modules/{client,product,invoice,utils}.ts) as
 * it invoices a Saleor order: Node's fetch, every parameter (api_token included) concatenated unencoded into the
 * query string of a body-less request, bracketed names for search and lines; the PDF from the non-API path
 * `documentos/download/{id}/{token_download}`. The app hard-codes its author's tax and unit ids (13576 = 23 %, 13577 =
 * 13 %, unit 16094); its users put their own, as the test does with the account's.
 */
let server: SdkServer;
before(async () => {
  server = await startSdkServer();
});
after(async () => {
  await server?.close();
});

interface Shop {
  domain: string;
  token: string;
  ids: { tax23: number; tax13: number; unit: number };
}

/** The app's constants for an account: its bill.pt host, token, and the tax and unit ids it puts on products. */
async function shopFor(s: SdkServer): Promise<Shop> {
  const token = s.t.account.apiKey;
  const get = async (route: string): Promise<any> =>
    (await fetch(`${s.domain}api/1.0/${route}?api_token=${token}`)).json();
  const taxes = (await get('impostos')) as { id: number; valor: number; nome: string }[];
  const pt = (v: number) => taxes.find((x) => x.valor === v && !/Madeira|Açores/.test(x.nome))!.id;
  return { domain: s.domain, token, ids: { tax23: pt(23), tax13: pt(13), unit: (await get('unidades-medida'))[0].id } };
}

const api = (shop: Shop, route: string) => `${shop.domain}api/1.0/${route}?api_token=${shop.token}`;
/** The app's urlSafe(): drops the characters it fears in a query string, then cuts to the field's length. */
const urlSafe = (text: string, sliceAt = text.length) =>
  [...text]
    .filter((ch) => !'|=@!^&/\\#()$~%.\'":*?<>{}[]'.includes(ch))
    .join('')
    .slice(0, sliceAt);

async function json(res: Response) {
  const text = await res.text();
  assert.ok(res.ok, `${res.status} ${text}`);
  return JSON.parse(text);
}

interface Order {
  email: string;
  address: { firstName: string; lastName: string; street: string; postalCode: string; city: string; nif?: string };
  lines: { variantId: string; name: string; quantity: number; net: number; taxRate: 13 | 23 }[];
}

/** getClientId(): find the customer by e-mail, then create it (POST) or update it (PATCH `contatos/{id}`). */
async function clientId(shop: Shop, order: Order): Promise<number> {
  const found = await json(await fetch(`${api(shop, 'contatos')}&pesquisa[email]=${order.email}`));
  const existing = found.total > 0 ? found.data[0].id : '';
  const a = order.address;
  const name = urlSafe(`${a.firstName} ${a.lastName}`, 150);
  const nif = urlSafe(a.nif ?? '999999990', 15);
  const url =
    `${shop.domain}api/1.0/contatos${existing === '' ? '' : `/${existing}`}?api_token=${shop.token}&nome=${name}` +
    `&pais=PT&nif=${nif}&email=${order.email}&morada=${urlSafe(a.street, 100)}` +
    `&codigo_postal=${urlSafe(a.postalCode, 15)}&cidade=${urlSafe(a.city, 50)}&lingua_padrao_documentos=pt`;
  return (await json(await fetch(url, { method: existing === '' ? 'POST' : 'PATCH' }))).id;
}

/** getProductURLString(): find the product by barcode (the variant id), create it when absent, return its line. */
async function productLine(shop: Shop, line: Order['lines'][number], idx: number): Promise<string> {
  const name = urlSafe(line.name, 200);
  const tax = line.taxRate === 13 ? shop.ids.tax13 : shop.ids.tax23;
  const barcode = urlSafe(line.variantId, 100);
  const found = await json(await fetch(`${api(shop, 'items')}&pesquisa[texto][codigo_barras]=${barcode}`));
  let itemId = found.total > 0 ? found.data[0].id : '';
  if (itemId === '') {
    const create =
      `${api(shop, 'items')}&descricao=${name}&unidade_medida_id=${shop.ids.unit}&ProductCategory=M&movimenta_stock=0` +
      `&servico=0&iva_compra=0&imposto_id=${tax}&codigo_barras=${barcode}&precos[0][preco_nome]=Price1` +
      `&precos[0][preco_sem_iva]=${line.net}`;
    itemId = (await json(await fetch(create, { method: 'POST' }))).id;
  }
  return (
    `&produtos[${idx}][item_id]=${itemId}&produtos[${idx}][nome]=${name}&produtos[${idx}][quantidade]=` +
    `${line.quantity}&produtos[${idx}][preco_unitario]=${line.net}&produtos[${idx}][imposto_id]=${tax}`
  );
}

/** The order-confirmed webhook: customer, products, an FR (final unless DRAFT_INVOICES), and its PDF. */
async function invoiceOrder(shop: Shop, order: Order, terminado: '0' | '1' = '1') {
  const contato = await clientId(shop, order);
  const products = (await Promise.all(order.lines.map((l, i) => productLine(shop, l, i)))).join('');
  const created = await json(
    await fetch(`${api(shop, 'documentos')}&tipificacao=FR&contato_id=${contato}${products}&terminado=${terminado}`, {
      method: 'POST',
    }),
  );
  const pdf = await fetch(`${shop.domain}documentos/download/${created.id}/${created.token_download}`);
  return { contato, created, pdf };
}

const order = (email: string, lines: Order['lines']): Order => ({
  email,
  address: {
    firstName: 'João',
    lastName: 'Gonçalves',
    street: 'Rua das Flores 12, 3.º Esq.',
    postalCode: '4000-123',
    city: 'Porto',
  },
  lines,
});

/** Two orders of one customer: the first creates the customer and products, the second finds them. */
async function twoOrders(shop: Shop) {
  const email = `joao.${process.pid}@example.pt`;
  const first = await invoiceOrder(
    shop,
    order(email, [
      { variantId: 'UHJvZHVjdFZhcmlhbnQ6MjA=', name: 'T-shirt - Azul / M', quantity: 2, net: 16.26, taxRate: 23 },
      { variantId: 'UHJvZHVjdFZhcmlhbnQ6MzE=', name: 'Livro (capa dura)', quantity: 1, net: 10, taxRate: 13 },
    ]),
  );
  assert.match(first.created.invoice_number, /^FR \S+\/\d+$/);
  // 2 × 16.26 × 1.23 + 10 × 1.13
  assert.equal(first.created.gross_total, '51.30');
  assert.equal(first.pdf.status, 200);
  assert.equal(first.pdf.headers.get('content-type'), 'application/pdf');
  assert.equal(
    Buffer.from(await first.pdf.arrayBuffer())
      .subarray(0, 5)
      .toString(),
    '%PDF-',
  );

  const contact = await json(await fetch(api(shop, `contatos/${first.contato}`)));
  assert.equal(contact.nome, 'João Gonçalves', 'UTF-8 in an unencoded query string');
  assert.equal(contact.morada, 'Rua das Flores 12, 3º Esq');
  assert.equal(contact.email, email);
  assert.equal(String(contact.nif), '999999990');
  const doc = await json(await fetch(api(shop, `documentos/${first.created.id}`)));
  assert.deepEqual(
    doc.lancamentos.map((l: { nome: string; quantidade: unknown; imposto_id: number }) => [
      l.nome,
      Number(l.quantidade),
      l.imposto_id,
    ]),
    [
      ['T-shirt - Azul  M', 2, shop.ids.tax23],
      ['Livro capa dura', 1, shop.ids.tax13],
    ],
  );
  const item = await json(await fetch(`${api(shop, 'items')}&pesquisa[texto][codigo_barras]=UHJvZHVjdFZhcmlhbnQ6MjA`));
  assert.equal(item.total, 1);
  assert.equal(item.data[0].precos[0].preco_sem_iva, '16.26');

  // The next order of that customer finds them by e-mail (PATCH) and the product by barcode: nothing duplicated.
  const second = await invoiceOrder(
    shop,
    order(email, [
      { variantId: 'UHJvZHVjdFZhcmlhbnQ6MjA=', name: 'T-shirt - Azul / M', quantity: 1, net: 16.26, taxRate: 23 },
    ]),
  );
  assert.equal(second.contato, first.contato);
  assert.equal(second.created.gross_total, '20.00');
  const byEmail = await json(await fetch(`${api(shop, 'contatos')}&pesquisa[email]=${email}`));
  assert.equal(byEmail.total, 1);
  const byBarcode = await json(
    await fetch(`${api(shop, 'items')}&pesquisa[texto][codigo_barras]=UHJvZHVjdFZhcmlhbnQ6MjA`),
  );
  assert.equal(byBarcode.total, 1);
}

test('an order: customer and products created from the query string, an FR issued and its PDF downloaded', async () => {
  await twoOrders(await shopFor(server));
});

test("with BILLPT_PORT, the app's hard-coded https://app.bill.pt/ changed to that port and nothing else", async () => {
  const own = await startSdkServer({ ownPort: true });
  try {
    assert.doesNotMatch(own.domain, /billpt/);
    await twoOrders(await shopFor(own));
  } finally {
    await own.close();
  }
});

test('DRAFT_INVOICES: terminado=0 leaves a draft with no number, which the app then asks the PDF of', async () => {
  const { created, pdf } = await invoiceOrder(
    await shopFor(server),
    order(`rascunho.${process.pid}@example.pt`, [
      { variantId: 'UHJvZHVjdFZhcmlhbnQ6NDI=', name: 'Caneca', quantity: 3, net: 5, taxRate: 23 },
    ]),
    '0',
  );
  assert.equal(created.terminado, 0);
  assert.equal(created.invoice_number, null);
  assert.equal(created.gross_total, '18.45');
  // A draft is no legal document: its link answers in bill.pt's envelope, not with a PDF the app would upload.
  assert.equal(pdf.status, 409);
  assert.ok(Array.isArray(((await pdf.json()) as { error: unknown }).error));
});
