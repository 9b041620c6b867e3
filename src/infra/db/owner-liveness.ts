import { randomInt } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import type { DB } from './schema.js';

/**
 * Who owns in-flight work (an idempotency key being processed) and whether that owner is still alive. The owner is
 * a database handle: one per process. A dead owner's claims can be taken over at once, not after a lease.
 */
export interface OwnerLiveness {
  /** This handle's owner id, once others can see it alive. */
  id(): Promise<number>;
  /** Whether the owner with this id is alive: this handle, or (PostgreSQL) another process holding its lock. */
  isAlive(db: Kysely<DB>, owner: number): Promise<boolean>;
  close(): Promise<void>;
}

// The first key of the two-key advisory locks that mark live owners (the second is the owner id).
const OWNER_LOCK_CLASS = 0x46544f57;

/**
 * Embedded PGlite is one process's database: an owner other than this handle is a previous life of the process
 * (or of another handle that closed), dead by definition.
 */
export function localOwnerLiveness(): OwnerLiveness {
  const me = randomInt(1, 2 ** 31 - 1);
  return { id: async () => me, isAlive: async (_db, owner) => owner === me, close: async () => undefined };
}

/**
 * PostgreSQL, several processes: the owner holds a session advisory lock named by its id on a connection of its own
 * (outside the pool) for as long as it lives. A process that dies (crash, kill -9) drops the connection and the
 * server releases the lock at once; a waiter that can take the lock knows the owner is dead.
 */
export function postgresOwnerLiveness(url: string): OwnerLiveness {
  let held: Promise<{ id: number; client: pg.Client }> | undefined;
  const hold = async () => {
    const client = new pg.Client({ connectionString: url });
    // A lost connection loses the lock: the next claim takes it again (a new id if another took the old one).
    client.on('error', () => {
      held = undefined;
    });
    client.on('end', () => {
      held = undefined;
    });
    await client.connect();
    for (;;) {
      const id = randomInt(1, 2 ** 31 - 1);
      const r = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1, $2) AS ok', [
        OWNER_LOCK_CLASS,
        id,
      ]);
      if (r.rows[0].ok) return { id, client };
    }
  };
  return {
    async id() {
      held ??= hold().catch((err: unknown) => {
        held = undefined;
        throw err;
      });
      return (await held).id;
    },
    async isAlive(db, owner) {
      if (held && owner === (await held).id) return true;
      // Taken (and let go in the same statement) only when no live owner holds it.
      const r = await sql<{ alive: boolean }>`SELECT CASE WHEN pg_try_advisory_lock(${OWNER_LOCK_CLASS}, ${owner}::int)
        THEN NOT pg_advisory_unlock(${OWNER_LOCK_CLASS}, ${owner}::int) ELSE true END AS alive`.execute(db);
      return r.rows[0].alive;
    },
    async close() {
      const h = held;
      held = undefined;
      if (h)
        await h.then(
          ({ client }) => client.end(),
          () => undefined,
        );
    },
  };
}

const registry = new WeakMap<Kysely<DB>, OwnerLiveness>();

export function registerOwnerLiveness(db: Kysely<DB>, liveness: OwnerLiveness): OwnerLiveness {
  registry.set(db, liveness);
  return liveness;
}

/** The liveness of the handle `db` belongs to; a handle opened without one (PGlite) is one process's database. */
export function ownerLivenessOf(db: Kysely<DB>): OwnerLiveness {
  let l = registry.get(db);
  if (!l) registry.set(db, (l = localOwnerLiveness()));
  return l;
}
