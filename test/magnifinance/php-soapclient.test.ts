import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startMfServer, type MfServer } from './fixtures/mf-server.js';
import { servedOperations } from './fixtures/wsdl-check.js';

/**
 * PHP's SoapClient in WSDL mode, as PHP integrators call MagniFinance (fixtures/php/invoice-and-poll.php, run by
 * the `php` binary): it binds to the served WSDL, creates an invoice, polls DocumentGet until the PDF is ready, asks
 * its payment status, and sends the same ExternalId again and then two bad lines. Without PHP or its soap extension the tests say they were skipped and why.
 */
const PHP = process.env.FATURADOR_PHP ?? 'php';
const SCRIPT = fileURLToPath(new URL('./fixtures/php/invoice-and-poll.php', import.meta.url));

function whyNoPhp(): string | undefined {
  const probe = spawnSync(PHP, ['-r', 'echo extension_loaded("soap") ? "soap" : "none";'], { encoding: 'utf8' });
  if (probe.error)
    return `PHP is not installed (${PHP}: ${(probe.error as NodeJS.ErrnoException).code}): apt-get install php-cli php-soap`;
  if (probe.stdout.trim() !== 'soap') return `PHP (${PHP}) has no soap extension: apt-get install php-soap`;
  return undefined;
}
const noPhp = whyNoPhp();

type Php = Record<string, any>;

function runPhp(...args: string[]): Promise<Php> {
  return new Promise((resolve, reject) => {
    execFile(PHP, [SCRIPT, ...args], { timeout: 60_000, encoding: 'utf8' }, (err, stdout, stderr) => {
      if (err) return reject(new Error(`php failed: ${err.message}\n${stderr}\n${stdout}`));
      try {
        resolve(JSON.parse(stdout) as Php);
      } catch {
        reject(new Error(`php printed no JSON: ${stdout}\n${stderr}`));
      }
    });
  });
}

let mf: MfServer;
let missing: string | undefined;
before(async () => {
  if (noPhp) return;
  mf = await startMfServer();
  const served = await servedOperations(`${mf.base}/MagniAPI/Invoicing.asmx?WSDL`);
  const absent = ['DocumentCreate', 'DocumentGet'].filter((op) => !served.includes(op));
  if (absent.length) missing = `${absent.join(' and ')} not in the served WSDL yet`;
  // PHP polls DocumentGet from its own process: the outbox runs meanwhile and renders the PDF, as in production.
  mf.t.worker.start();
});
after(async () => {
  await mf?.close();
});

async function invoiceAndPoll(wsdl: string, version: '1.1' | '1.2'): Promise<Php> {
  const out = await runPhp(wsdl, version, mf.account.email, mf.account.token, `PHP-${version}-${Date.now()}`);
  assert.equal(out.fault, undefined, JSON.stringify(out.fault));
  assert.ok(
    (out.functions as string[]).includes('DocumentCreateResponse DocumentCreate(DocumentCreate $parameters)'),
    'PHP bound DocumentCreate as document/literal wrapped',
  );
  // PHP's request: its own ns1: prefix, both lines in one <Lines>.
  const request = out.createRequest as string;
  assert.match(request, /<ns1:DocumentCreate>/);
  assert.equal((request.match(/<ns1:APIInvoicingProduct>/g) ?? []).length, 2);
  assert.equal((request.match(/<ns1:Lines>/g) ?? []).length, 1);

  assert.equal(out.create.Response.Type, 'Success', JSON.stringify(out.create));
  assert.equal(out.documentIdIsInt, true, 'xs:int DocumentId reaches PHP as an int');
  assert.equal(out.get.Response.Type, 'Success', `DocumentGet after ${out.polls} polls: ${JSON.stringify(out.get)}`);
  assert.match(out.get.Response.Object.DocumentNumber, /^FT [A-Z0-9]+\/\d+$/);
  const pdf = await fetch(out.get.Response.Object.DownloadUrl as string);
  assert.equal(
    Buffer.from(await pdf.arrayBuffer())
      .subarray(0, 4)
      .toString(),
    '%PDF',
  );

  const native = await mf.t.call('GET', `/v1/documents/${out.create.Response.Object.DocumentId}`, undefined, {
    key: mf.account.token,
  });
  assert.deepEqual(
    [native.body.type, native.body.status, native.body.lines.length, native.body.totals.gross],
    ['FT', 'final', 2, '14.76'],
  );

  assert.deepEqual(out.property.ResponseDocumentGetProperty.Object, {
    PaymentStatus: 'NoPayment',
    TotalAmount: '14,76',
    UnpaidAmount: '14,76',
  });

  // The same ExternalId again: a business error PHP reads, not a SoapFault; one ValidationError is an object.
  const dup = out.duplicate.Response;
  assert.equal(dup.Type, 'Error');
  assert.deepEqual(dup.ErrorValue, { Value: 14, Name: 'SaveFailed' });
  const one = dup.ValidationErrors.ValidationError;
  assert.ok(one && !Array.isArray(one), 'PHP decodes a single ValidationError as an object');
  assert.equal(one.Type, 'DocumentIsADuplicate');
  assert.equal(one.Field, 'DocumentDetailExternalId');
  // Two ValidationErrors: a list.
  const invalid = out.invalid.Response;
  assert.equal(invalid.Type, 'Error');
  assert.equal(invalid.ErrorValue.Value, 2);
  assert.ok(Array.isArray(invalid.ValidationErrors.ValidationError), JSON.stringify(invalid.ValidationErrors));
  assert.equal(invalid.ValidationErrors.ValidationError.length, 2);
  return out;
}

test('PHP SoapClient, SOAP 1.1, WSDL mode: create, poll DocumentGet until ready, duplicate ExternalId', async (t) => {
  if (noPhp) return t.skip(noPhp);
  if (missing) return t.todo(missing);
  const out = await invoiceAndPoll(`${mf.base}/MagniAPI/Invoicing.asmx?WSDL`, '1.1');
  assert.match(out.createRequestHeaders, /^POST \/magnifinance\/MagniAPI\/Invoicing\.asmx HTTP\/1\.1\r\n/);
  assert.match(out.createRequestHeaders, /\r\nContent-Type: text\/xml; charset=utf-8\r\n/);
  assert.match(out.createRequestHeaders, /\r\nSOAPAction: "http:\/\/MagniAPI\/Invoicing\/DocumentCreate"\r\n/);
});

test('PHP SoapClient, SOAP 1.2: the action travels in the content type', async (t) => {
  if (noPhp) return t.skip(noPhp);
  if (missing) return t.todo(missing);
  const out = await invoiceAndPoll(`${mf.base}/MagniAPI/Invoicing.asmx?WSDL`, '1.2');
  assert.match(
    out.createRequestHeaders,
    /\r\nContent-Type: application\/soap\+xml; charset=utf-8; action="http:\/\/MagniAPI\/Invoicing\/DocumentCreate"\r\n/,
  );
  assert.match(out.createRequest, /http:\/\/www\.w3\.org\/2003\/05\/soap-envelope/);
});

test('PHP SoapClient loads MagniFinanceWS.asmx?WSDL, as the docs tell it to, and posts to that address', async (t) => {
  if (noPhp) return t.skip(noPhp);
  if (missing) return t.todo(missing);
  const out = await invoiceAndPoll(`${mf.base}/MagniFinanceWS.asmx?WSDL`, '1.1');
  assert.match(out.createRequestHeaders, /^POST \/magnifinance\/MagniFinanceWS\.asmx HTTP\/1\.1\r\n/);
});
