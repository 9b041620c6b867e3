import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ImportView } from '../../app/imports/get-import.js';
import { importProgress, type ImportProgress } from './import-progress.js';

export interface ProgressStreamOptions {
  /** How often the import is read again. */
  intervalMs: number;
  /** A stream is closed after this long (the browser's EventSource reconnects and goes on). */
  maxMs: number;
  /** Streams open at once in this process; past it the answer is 503 and the page's refresh link still works. */
  maxOpen: number;
}

export const PROGRESS_STREAM: ProgressStreamOptions = { intervalMs: 500, maxMs: 10 * 60_000, maxOpen: 64 };

let open = 0;

const frame = (event: string, id: number, data: ImportProgress) =>
  `event: ${event}\nid: ${id}\ndata: ${JSON.stringify(data)}\n\n`;

/**
 * Server-sent events of an import's progress: a `progress` event whenever the counts change, then one `done` event
 * and the end of the stream. `read` is called first, before anything is sent, so a missing import (another account's)
 * is an ordinary 404 page; then every `intervalMs` while the stream is open.
 */
export async function streamProgress(
  request: FastifyRequest,
  reply: FastifyReply,
  read: () => Promise<ImportView>,
  opts: ProgressStreamOptions = PROGRESS_STREAM,
): Promise<void> {
  let view = await read();
  if (open >= opts.maxOpen) {
    reply.status(503).header('retry-after', '5').type('text/plain; charset=utf-8').send('Too many progress streams.');
    return;
  }
  open += 1;
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    ...(reply.getHeaders() as Record<string, string>),
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    'x-accel-buffering': 'no',
  });
  let closed = false;
  let timer: NodeJS.Timeout | undefined;
  const end = () => {
    if (closed) return;
    closed = true;
    open -= 1;
    clearTimeout(timer);
    res.end();
  };
  // The response's close, not the request's: a GET's request stream closes as soon as it has been read.
  res.on('close', end);
  const startedAt = Date.now();
  let id = 0;
  let last = '';
  res.write('retry: 2000\n\n');
  const tick = async () => {
    if (closed) return;
    try {
      const p = importProgress(view);
      const text = JSON.stringify(p);
      if (text !== last) {
        last = text;
        res.write(frame('progress', ++id, p));
      }
      if (p.done) {
        res.write(frame('done', ++id, p));
        return end();
      }
      if (Date.now() - startedAt > opts.maxMs) return end();
      timer = setTimeout(() => {
        read()
          .then((v) => {
            view = v;
            return tick();
          })
          .catch((err: unknown) => {
            request.log.warn({ err }, 'import progress stream');
            end();
          });
      }, opts.intervalMs);
    } catch (err) {
      request.log.warn({ err }, 'import progress stream');
      end();
    }
  };
  await tick();
}
