import { fileURLToPath } from 'node:url';
import { lineDriverSuite, runtimeProblem, skipUnlessCi } from './sdk-flow.js';

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

lineDriverSuite('the bill.pt PHP SDK over curl', PHP, DRIVER, skip, { receipts: true });
