import { after, before, describe } from 'node:test';
import axios, { isAxiosError } from 'axios';
import { sdkFlowTests, startSdkServer, type SdkClient, type SdkServer } from './sdk-flow.js';

/**
 * SlayerKita/SDK-Bill.pt-Node.js (src/bill.js) as its users run it: its request() on axios, in this process. It sends
 * `{ api_token, method, ...params }` as the JSON body of every method (GET and DELETE too) and lets axios throw on
 * anything but a 2xx, the answer in `error.response`. Its receipt methods call an undefined `request()` and its
 * convertDocumentWithID() an undefined `getDocumentWithID()`: they throw before sending anything, so they are not run.
 */
function nodeSdk(domain: string): SdkClient {
  let apiToken = '';
  let httpCode = 0;
  const request = async (method: string, route: string, params: Record<string, unknown> = {}) => {
    try {
      const response = await axios({
        method,
        url: `${domain}api/1.0/${route}`,
        data: { api_token: apiToken, method, ...params },
        headers: { 'Content-Type': 'application/json' },
      });
      httpCode = response.status;
      return { status: response.status, body: response.data };
    } catch (error) {
      if (!isAxiosError(error) || !error.response) throw error;
      httpCode = error.response.status;
      return { status: error.response.status, body: error.response.data };
    }
  };
  return {
    setToken: async (token) => void (apiToken = token),
    request,
    async validToken() {
      if (apiToken.length < 120) return false;
      await request('POST', 'valid-token', {});
      return httpCode > 199 && httpCode < 300;
    },
    async download(url) {
      const r = await axios.get(url, { responseType: 'arraybuffer', validateStatus: () => true });
      return {
        status: r.status,
        contentType: String(r.headers['content-type'] ?? ''),
        head: Buffer.from(r.data).subarray(0, 5).toString('latin1'),
      };
    },
    close: async () => {},
  };
}

describe('the bill.pt Node.js SDK over axios', () => {
  let server: SdkServer;
  let sdk: SdkClient;
  before(async () => {
    server = await startSdkServer();
    sdk = nodeSdk(server.domain);
  });
  after(async () => {
    await server?.close();
  });
  sdkFlowTests(() => ({ server, sdk }), { receipts: false });
});
