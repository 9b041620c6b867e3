import { parentPort } from 'node:worker_threads';
import { closedLoop } from './closed-loop.js';
import { clientInput } from './http-bench.js';

/**
 * The HTTP client of the create-and-finalize bench, in a worker thread: a real client is not in the server's
 * process, and sharing its event loop would charge the client's work (fetch, parsing) to the server.
 */
const { url, key, body, total, concurrency } = clientInput();
const post = async () => {
  const r = await fetch(`${url}/v1/documents`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body,
  });
  if (r.status !== 201) throw new Error(`HTTP ${r.status}: ${await r.text()}`);
  await r.arrayBuffer();
};
for (let i = 0; i < 20; i++) await post(); // warm up
parentPort!.postMessage(await closedLoop(total, concurrency, post));
