import { after, before, describe } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  lineDriver,
  runtimeProblem,
  sdkFlowTests,
  skipUnlessCi,
  startSdkServer,
  type SdkClient,
  type SdkServer,
} from './sdk-flow.js';

/**
 * carlosbranco/bill-php-sdk (src/Api.php, Packagist epicbit/bill-php-sdk) as its users run it: its request layer on
 * PHP's curl (test/fixtures/billpt-sdks/php/sdk_driver.php), pointed at the dialect instead of https://app.bill.pt/.
 */
const PHP = process.env.FATURADOR_PHP ?? 'php';
const DRIVER = fileURLToPath(new URL('../fixtures/billpt-sdks/php/sdk_driver.php', import.meta.url));
const skip = skipUnlessCi(
  runtimeProblem(
    PHP,
    ['-r', 'echo function_exists("curl_init") ? "curl" : "none";'],
    'curl',
    'apt-get install php-cli php-curl',
  ),
);

describe('the bill.pt PHP SDK over curl', { skip }, () => {
  let server: SdkServer;
  let sdk: SdkClient;
  before(async () => {
    server = await startSdkServer();
    sdk = lineDriver(PHP, [DRIVER, server.domain]);
  });
  after(async () => {
    await sdk?.close();
    await server?.close();
  });
  sdkFlowTests(() => ({ server, sdk }), { receipts: true });
});
