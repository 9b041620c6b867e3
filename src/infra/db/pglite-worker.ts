import { parentPort, workerData } from 'node:worker_threads';
import { PGlite, protocol, type PGliteOptions } from '@electric-sql/pglite';
import { PreparedPglite } from './pglite-prepared.js';
import {
  errorFields,
  type PgliteReply,
  type PgliteRequest,
  type PgliteResult,
  type PgliteThreadInit,
} from './pglite-protocol.js';
import { TYPE_PARSERS } from './type-parsers.js';

/**
 * PGlite's thread (pglite-thread.ts starts it): PostgreSQL's WebAssembly and its wire protocol run here, off the
 * event loop that answers requests. Answers id 0 once open, then each request by its id. PGlite runs one statement
 * at a time, in the order the requests arrived (its own queue).
 */
const port = parentPort!;
const init = workerData as PgliteThreadInit;
const reply = (msg: PgliteReply) => port.postMessage(msg);
const result = (r: PgliteResult): PgliteResult =>
  r.affectedRows === undefined ? { rows: r.rows } : { rows: r.rows, affectedRows: r.affectedRows };

let client: PGlite | undefined;
try {
  client = await PGlite.create({
    dataDir: init.dataDir,
    loadDataDir: init.loadDataDir && new Blob([init.loadDataDir]),
    parsers: TYPE_PARSERS,
    ...(init.engine ? { pgliteWasmModule: init.engine as NonNullable<PGliteOptions['pgliteWasmModule']> } : {}),
  });
  reply({ id: 0 });
} catch (err) {
  reply({ id: 0, error: errorFields(err) });
}

if (client) {
  const db = new PreparedPglite(client, protocol.serialize);
  port.on('message', (req: PgliteRequest) => {
    const work =
      req.op === 'query'
        ? db.query(req.sql, req.params)
        : req.op === 'exec'
          ? db.exec(req.sql).then((all) => all.map(result))
          : db.close().then(() => undefined);
    work.then(
      (r) => reply({ id: req.id, result: r }),
      (err: unknown) => reply({ id: req.id, error: errorFields(err) }),
    );
  });
}
