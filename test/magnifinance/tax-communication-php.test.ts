import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { skipUnlessFakeAt } from '../support/fake-at-server.js';
import { futureLocal, today } from '../at/at-env.js';
import { startMfAtEnv, type MfAtAccount, type MfAtEnv } from './tax-communication-env.js';

/**
 * PHP's SoapClient in WSDL mode against the TaxCommunication WSDL and WaybillCreate: ActivationSet, ActivationGet,
 * a closed waybill with its AT code, CommunicationList. Without PHP or its soap extension the test says it was
 * skipped and why.
 */
const PHP = process.env.FATURADOR_PHP ?? 'php';

function whyNoPhp(): string | false {
  const probe = spawnSync(PHP, ['-r', 'echo extension_loaded("soap") ? "soap" : "none";'], { encoding: 'utf8' });
  if (probe.error)
    return `PHP is not installed (${PHP}: ${(probe.error as NodeJS.ErrnoException).code}): apt-get install php-cli php-soap`;
  if (probe.stdout.trim() !== 'soap') return `PHP (${PHP}) has no soap extension: apt-get install php-soap`;
  return false;
}

// argv: base, SOAP version, e-mail, token, AT sub-user, its password, load date-time, date.
const SCRIPT = String.raw`
[, $base, $version, $email, $token, $user, $pass, $load, $date] = $argv;
$opts = ['soap_version' => $version === '1.2' ? SOAP_1_2 : SOAP_1_1, 'trace' => 1, 'cache_wsdl' => WSDL_CACHE_NONE];
$auth = ['Email' => $email, 'Token' => $token];
$out = [];
try {
  $tax = new SoapClient("$base/MagniAPI/taxcommunication.asmx?wsdl", $opts);
  $inv = new SoapClient("$base/MagniAPI/Invoicing.asmx?wsdl", $opts);
  $out['functions'] = $tax->__getFunctions();
  $out['set'] = $tax->ActivationSet(['authentication' => $auth,
    'activation' => ['Username' => $user, 'Password' => $pass, 'IsActive' => true]]);
  $out['setRequest'] = $tax->__getLastRequest();
  $out['get'] = $tax->ActivationGet(['authentication' => $auth]);
  $out['waybill'] = $inv->WaybillCreate(['Authentication' => $auth,
    'Client' => ['NIF' => '503340855', 'Name' => 'Cliente PHP, Lda', 'CountryCode' => 'PT'],
    'Waybill' => ['Date' => $date, 'Type' => 'T', 'LoadDateTime' => $load, 'VehicleLicence' => 'PH-00-PP',
      'LoadAddress' => ['AddressDetail' => 'Rua A, 1', 'City' => 'Lisboa', 'PostalCode' => '1000-001', 'CountryCode' => 'PT'],
      'DestinationAddress' => ['AddressDetail' => 'Rua B, 2', 'City' => 'Porto', 'PostalCode' => '4000-001', 'CountryCode' => 'PT'],
      'Lines' => ['APIInvoicingProduct' => [
        ['Code' => 'A', 'Description' => 'Caixas', 'UnitPrice' => 2, 'Quantity' => 3, 'Type' => 'P', 'TaxValue' => 23],
        ['Code' => 'B', 'Description' => 'Paletes', 'UnitPrice' => 10, 'Quantity' => 1, 'Type' => 'P', 'TaxValue' => 23],
      ]]],
    'IsToClose' => true]);
  $out['list'] = $tax->CommunicationList(['authentication' => $auth,
    'parameters' => ['TotalElements' => 0, 'ElementsPerPage' => 10, 'CurrentPage' => 1]]);
} catch (SoapFault $f) {
  $out['fault'] = ['code' => $f->faultcode, 'message' => $f->getMessage()];
}
echo json_encode($out);
`;

function runPhp(args: string[]): Promise<Record<string, any>> {
  return new Promise((resolve, reject) => {
    execFile(PHP, ['-r', SCRIPT, '--', ...args], { timeout: 60_000, encoding: 'utf8' }, (err, stdout, stderr) => {
      if (err) return reject(new Error(`php failed: ${err.message}\n${stderr}\n${stdout}`));
      try {
        resolve(JSON.parse(stdout));
      } catch {
        reject(new Error(`php printed no JSON: ${stdout}\n${stderr}`));
      }
    });
  });
}

describe('PHP SoapClient (WSDL mode): TaxCommunication and WaybillCreate', skipUnlessFakeAt(), () => {
  const noPhp = whyNoPhp();
  let mf: MfAtEnv;
  let a: MfAtAccount;

  before(async () => {
    if (noPhp) return;
    mf = await startMfAtEnv();
    a = await mf.account('php');
    // A production account issues only in series registered with AT, which needs the credentials first.
    const r = await mf.env.t.call(
      'PUT',
      '/v1/at/settings',
      { username: a.username, password: a.password },
      {
        key: a.token,
      },
    );
    assert.equal(r.status, 200, JSON.stringify(r.body));
    await mf.registerSeries(a);
  });
  after(async () => {
    await mf?.close();
  });

  for (const version of ['1.1', '1.2'] as const) {
    test(`SOAP ${version}`, { skip: noPhp }, async () => {
      const load = futureLocal(1, '09:15:00');
      const out = await runPhp([mf.base, version, a.email, a.token, a.username, a.password, load, today()]);
      assert.equal(out.fault, undefined, JSON.stringify(out.fault));
      assert.ok(
        (out.functions as string[]).includes('ActivationSetResponse ActivationSet(ActivationSet $parameters)'),
        JSON.stringify(out.functions),
      );
      assert.match(out.setRequest, /<ns1:authentication>/, 'lower-case parameter elements');
      assert.equal(out.set.Response.Type, 'Success', JSON.stringify(out.set));
      assert.equal(out.set.Response.Object.IsActive, true);
      assert.equal(out.get.Response.Object.IsAuthenticated, true);
      assert.ok(!JSON.stringify([out.set, out.get]).includes(a.password), 'the password is never answered');

      const w = out.waybill.Response;
      assert.equal(w.Type, 'Success', JSON.stringify(out.waybill));
      assert.equal(typeof w.Object.DocumentId, 'number', 'xs:int DocumentId reaches PHP as an int');
      const atDoc = mf.env.fake.transportDocs.get(`${a.nif}|${w.Object.DocumentNumber}`);
      assert.ok(atDoc, JSON.stringify(w));
      assert.equal(w.Object.ATCode, atDoc.atDocCodeId);
      const sent = mf.env.fake.requestsFor('envioDocumentoTransporteRequestElem').at(-1)!;
      assert.equal(sent.body.MovementStartTime, load);
      assert.equal(sent.body.Line.length, 2);

      const list = out.list.Response.Object;
      const rows = list.Communications.DocumentCommunication;
      const mine = (Array.isArray(rows) ? rows : [rows]).find(
        (r: { DocumentId: number }) => r.DocumentId === w.Object.DocumentId,
      );
      assert.equal(mine.Status, 'Success');
      assert.equal(mine.ATCode, w.Object.ATCode);
    });
  }
});
