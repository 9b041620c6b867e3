import { closeSync, openSync } from 'node:fs';
import { request } from 'node:http';
import type { Writable } from 'node:stream';
import { DomainError, type ErrorCode } from '../domain/errors.js';
import { adminSocketAddress } from './socket-path.js';

export type AdminCall = { reached: false } | { reached: true; result: unknown };

/**
 * Sends a command to the server that holds DATA_DIR, over its admin socket. `reached: false` when no server
 * listens there (no socket file, or one left by a dead process: ECONNREFUSED). A streamed result is written to
 * `out` (left open); an error answer is thrown as the DomainError the server raised.
 */
export async function callAdmin(
  dataDir: string,
  name: string,
  args: Record<string, unknown>,
  out: Writable,
): Promise<AdminCall> {
  let dirFd: number | undefined;
  const socketPath = adminSocketAddress(dataDir, () => (dirFd = openSync(dataDir, 'r')));
  try {
    return await new Promise<AdminCall>((resolve, reject) => {
      const body = JSON.stringify(args);
      const req = request(
        {
          socketPath,
          method: 'POST',
          path: `/commands/${encodeURIComponent(name)}`,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          if (res.statusCode === 200 && !String(res.headers['content-type']).startsWith('application/json')) {
            res.pipe(out, { end: false });
            res.once('close', () =>
              res.complete
                ? resolve({ reached: true, result: undefined })
                : reject(
                    new Error(
                      'The server stopped sending the result half-way (see its log); ' +
                        'nothing complete was written.',
                    ),
                  ),
            );
            return;
          }
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => {
            text += c;
          });
          res.once('end', () => {
            try {
              type Answer = { result?: unknown; error?: { code: string; message: string; details?: [] } };
              const json = JSON.parse(text) as Answer;
              if (res.statusCode === 200) return resolve({ reached: true, result: json.result });
              const e = json.error ?? { code: 'internal', message: text };
              reject(new DomainError(e.code as ErrorCode, e.message, e.details ?? []));
            } catch (err) {
              reject(err);
            }
          });
          res.once('error', reject);
        },
      );
      req.once('error', (err: NodeJS.ErrnoException) => {
        if (err.code === 'ENOENT' || err.code === 'ECONNREFUSED') resolve({ reached: false });
        else reject(err);
      });
      req.end(body);
    });
  } finally {
    if (dirFd !== undefined) closeSync(dirFd);
  }
}
