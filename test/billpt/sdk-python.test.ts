import { fileURLToPath } from 'node:url';
import { lineDriverSuite, runtimeProblem, skipUnlessCi } from './sdk-flow.js';

/**
 * carlosbranco/bill.pt-Python-SDK (api.py) as its users run it: its request layer on `requests`
 * (test/fixtures/billpt-sdks/python/sdk_driver.py), pointed at the dialect instead of https://app.bill.pt/.
 */
const DRIVER = fileURLToPath(new URL('../fixtures/billpt-sdks/python/sdk_driver.py', import.meta.url));
const candidates = [process.env.FATURADOR_PYTHON, 'python3', '/usr/bin/python3'].filter((x): x is string => !!x);
const probe = (py: string) =>
  runtimeProblem(py, ['-c', 'import requests; print("requests")'], 'requests', 'apt-get install python3-requests');
const PYTHON = candidates.find((py) => !probe(py)) ?? candidates[0];
const skip = skipUnlessCi(probe(PYTHON));

lineDriverSuite('the bill.pt Python SDK over requests', PYTHON, DRIVER, skip, { receipts: true });
