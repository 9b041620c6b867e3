import pg from 'pg';
import { PreparedPglite } from '../../src/infra/db/pglite-prepared.js';
import { PGliteThread } from '../../src/infra/db/pglite-thread.js';

/**
 * Records the statements sent to the database where they leave for the server (pg's Client, and PGlite's client on
 * its thread or in-process), transaction control included: each is a round trip. `install` in `before`, `uninstall` in `after`;
 * `during(fn)` returns the normalized texts sent while `fn` ran.
 */
export function statementRecorder() {
  let texts: string[] | null = null;
  const restore: (() => void)[] = [];
  const wrap = (proto: { query: (...args: any[]) => unknown }) => {
    const query = proto.query;
    proto.query = function (this: unknown, ...args: any[]) {
      const text: unknown = typeof args[0] === 'string' ? args[0] : args[0]?.text;
      if (texts && typeof text === 'string') texts.push(text.replace(/\s+/g, ' ').trim());
      return query.apply(this, args);
    };
    restore.push(() => (proto.query = query));
  };
  return {
    install() {
      wrap(pg.Client.prototype as never);
      wrap(PreparedPglite.prototype as never);
      wrap(PGliteThread.prototype as never);
    },
    uninstall() {
      for (const r of restore.splice(0)) r();
    },
    async during(fn: () => Promise<void>): Promise<string[]> {
      const sent: string[] = [];
      texts = sent;
      try {
        await fn();
        return sent;
      } finally {
        texts = null;
      }
    },
  };
}
