import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../src/infra/db/database.js';
import { freshDatabase, testDbKind, type TestDatabase } from '../support/db.js';
import { startServerProcess, type ServerProcess } from '../support/server-process.js';
import { auditIssuing, histogram, lostOrChanged, pool, type Acknowledged } from './ledger.js';

// A crash under load loses nothing that was acknowledged: a server issuing documents is SIGKILLed ROUNDS times and
// restarted on the same data (PGlite's DATA_DIR on disk, or the same PostgreSQL database). Every create answered
// with a 2xx before a kill is still there with its number and gross total, numbers have no gap, and the chain
// verifies. A create cut off by the kill has an unknown outcome; its retry with the same Idempotency-Key must
// settle it (one document, or none and a new one), never issue it twice.
const ROUNDS = 4;
const CLIENTS = 12;
const KEY = 'ftr_test_reliability_kill9_key_0123456789abcdef01234567';
const TYPES = ['FT', 'FR'];

let dataDir: string | undefined;
let pgDb: TestDatabase | undefined;
let server: ServerProcess | undefined;
after(async () => {
  await server?.stop();
  await pgDb?.drop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

interface Create {
  key: string;
  body: unknown;
}

const auth = { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' };

async function post(url: string, c: Create): Promise<{ status: number; text: string }> {
  const headers = { ...auth, 'idempotency-key': c.key };
  const r = await fetch(url, { method: 'POST', headers, body: JSON.stringify(c.body) });
  return { status: r.status, text: await r.text() };
}

test(
  `${ROUNDS} kill -9 under load on ${testDbKind}: every acknowledged document survives, no gap, chain verifies`,
  {
    timeout: 240_000,
  },
  async () => {
    let env: Record<string, string>;
    if (testDbKind === 'postgres') {
      pgDb = await freshDatabase('postgres');
      await pgDb.database.close();
      env = { DATABASE_URL: pgDb.url! };
    } else {
      dataDir = mkdtempSync(join(tmpdir(), 'faturador-kill9-'));
      env = { DATA_DIR: dataDir };
    }
    Object.assign(env, { BOOTSTRAP_API_KEY: KEY, WORKER: '0', RATE_LIMIT_PER_MINUTE: '1000000' });
    server = await startServerProcess(env);
    const series: number[] = [];
    for (const code of ['KA', 'KB']) {
      const r = await fetch(`${server.url}/v1/series`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ code }),
      });
      const text = await r.text();
      assert.equal(r.status, 201, text);
      series.push((JSON.parse(text) as { id: number }).id);
    }

    const acks = new Map<number, Acknowledged>();
    const statuses: (number | string)[] = [];
    const unexpected: string[] = [];
    const unsettled: string[] = [];
    let made = 0;
    const create = (): Create => {
      const i = made++;
      return {
        key: `kill9-${i}`,
        body: {
          type: TYPES[i % 2],
          seriesId: series[Math.floor(i / 2) % 2],
          finalize: true,
          lines: [
            {
              description: `Linha ${i}`,
              quantity: String(1 + (i % 3)),
              unitPrice: `${1 + (i % 40)}.${String(i % 97).padStart(2, '0')}`,
              taxName: 'IVA23',
            },
          ],
        },
      };
    };
    const record = (c: Create, r: { status: number; text: string }) => {
      statuses.push(r.status);
      if (r.status === 201) {
        const doc = JSON.parse(r.text) as { id: number; number: string; totals: { gross: string } };
        acks.set(doc.id, { id: doc.id, number: doc.number, gross: doc.totals.gross });
      } else {
        const sent = `POST /v1/documents Idempotency-Key ${c.key} ${JSON.stringify(c.body)}`;
        unexpected.push(`${sent} → ${r.status} ${r.text.slice(0, 300)}`);
      }
    };

    for (let round = 0; round < ROUNDS; round++) {
      const url = server.url;
      const killAfter = 30 + 20 * round;
      let answered = 0;
      let killed = false;
      const cut: Create[] = [];
      const kill = (async () => {
        while (answered < killAfter) await new Promise((r) => setTimeout(r, 5));
        killed = true;
        await server!.kill('SIGKILL');
      })();
      await pool(
        Number.MAX_SAFE_INTEGER,
        CLIENTS,
        async () => {
          const c = create();
          try {
            const r = await post(`${url}/v1/documents`, c);
            answered++;
            record(c, r);
          } catch {
            cut.push(c); // the connection died with the process: the outcome is unknown
          }
        },
        () => killed,
      );
      await kill;
      statuses.push(...cut.map(() => 'cut'));
      const restart = Date.now();
      server = await startServerProcess(env);
      const restartMs = Date.now() - restart;
      // Acknowledged documents, read through the restarted server.
      for (const a of acks.values()) {
        const r = await fetch(`${server.url}/v1/documents/${a.id}`, { headers: auth });
        assert.equal(r.status, 200, `round ${round}: #${a.id} ${a.number} was acknowledged before the kill`);
        const doc = (await r.json()) as { number: string; totals: { gross: string } };
        assert.deepEqual([doc.number, doc.totals.gross], [a.number, a.gross], `round ${round}: #${a.id} unchanged`);
      }
      // Creates cut off by the kill, retried with their key: each gets its (single) answer within a few seconds.
      const deadline = Date.now() + 5_000;
      await Promise.all(
        cut.map(async (c) => {
          let r = await post(`${server!.url}/v1/documents`, c);
          while (r.status === 409 && Date.now() < deadline) {
            await new Promise((res) => setTimeout(res, 250));
            r = await post(`${server!.url}/v1/documents`, c);
          }
          if (r.status !== 409) record(c, r);
          else
            unsettled.push(`round ${round}: Idempotency-Key ${c.key} → 409 ${r.text.slice(0, 150)} 5 s after restart`);
        }),
      );
      console.log(
        `kill-9 round ${round + 1}: killed after ${answered} answers, ${cut.length} creates cut off, ` +
          `${acks.size} acknowledged so far, restarted in ${restartMs} ms`,
      );
    }
    await server.stop();
    server = undefined;

    const database = await openDatabase(
      testDbKind === 'postgres' ? { databaseUrl: pgDb!.url!, poolSize: 2 } : { dataDir: dataDir! },
    );
    try {
      const account = await database.db.selectFrom('api_keys').select('account_id').limit(1).executeTakeFirstOrThrow();
      const audit = await auditIssuing(database.db, account.account_id);
      console.log(
        `kill-9 on ${testDbKind}: ${ROUNDS} kills, ${made} creates sent, ` +
          `statuses ${JSON.stringify(histogram(statuses))}, ${acks.size} acknowledged, ${audit.rows.length} issued, ` +
          `${audit.gaps.length} gaps, chain ${audit.chain.ok ? 'ok' : 'FAILED'} (${audit.chain.checked} checked), ` +
          `${unsettled.length} retries still 409`,
      );
      assert.deepEqual(
        lostOrChanged(acks.values(), audit.rows),
        [],
        'every acknowledged document is stored as answered',
      );
      assert.deepEqual(audit.gaps, [], 'numbers 1..N per (series, type)');
      assert.deepEqual(audit.repeats, [], 'no number repeats');
      assert.equal(audit.chain.checked, audit.rows.length);
      assert.deepEqual(audit.chain.failures, [], 'the chain verifies');
      assert.deepEqual(unexpected, [], 'every create answered by a live server got 201');
      // Each create has its own line description: two documents with one description would be one create issued twice.
      const twice = await database.db
        .selectFrom('document_lines')
        .select('description')
        .where('account_id', '=', account.account_id)
        .groupBy('description')
        .having((eb) => eb.fn.countAll(), '>', 1)
        .execute();
      assert.deepEqual(
        twice.map((r) => r.description),
        [],
        'no create issued two documents',
      );
      // Before issue #12 §8, the in-flight marker of a request that died with its process blocked its retries for
      // 60 s (409 idempotency_in_flight): 7 (PGlite) and 26 (PostgreSQL) retries were still refused here.
      assert.deepEqual(unsettled, [], 'a retry after a crash gets its answer within seconds');
    } finally {
      await database.close();
    }
  },
);
