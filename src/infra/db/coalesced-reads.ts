import type { CompiledQuery, QueryResult } from 'kysely';

type Executor = { isTransaction: boolean; executeQuery<R>(query: CompiledQuery<R>): Promise<QueryResult<R>> };

interface Waiter<K> {
  id: string;
  key: K;
  resolve: (rows: unknown[]) => void;
  reject: (err: unknown) => void;
}

interface State<K> {
  inFlight: number;
  queue: Waiter<K>[];
}

export interface CoalescedReadOptions<K, Row> {
  /** Identifies a key (reads of equal ids share their rows). */
  idOf: (key: K) => string;
  /** The id of the key a row answers. */
  rowId: (row: Row) => string;
  /** One statement that reads the rows of all these keys (e.g. `= any($1)`), in the order each key's rows need. */
  readMany: (db: Executor, keys: K[]) => Promise<Row[]>;
  /** Statements of this kind at once per database handle (default 2). */
  maxInFlight?: number;
}

/**
 * Point reads of one kind that concurrent requests make outside a transaction (the API-key lookup of every
 * request, a create's customer), merged into one statement: at most `maxInFlight` run at once, and the reads that
 * arrive meanwhile go together in the next one, each handed its own rows. At concurrency 32 a create's two reads
 * were most of its statements and of the pool's queue; a read alone (a quiet server) runs at once, as before.
 * Inside a transaction a read runs alone: it must see the transaction's own writes.
 */
export function coalescedReads<K, Row>(opts: CoalescedReadOptions<K, Row>): (db: Executor, key: K) => Promise<Row[]> {
  const max = opts.maxInFlight ?? 2;
  const states = new WeakMap<object, State<K>>();

  const flush = (db: Executor, state: State<K>) => {
    const waiters = state.queue;
    state.queue = [];
    state.inFlight++;
    const keys = new Map<string, K>();
    for (const w of waiters) if (!keys.has(w.id)) keys.set(w.id, w.key);
    opts.readMany(db, [...keys.values()]).then(
      (rows) => {
        const byId = new Map<string, Row[]>();
        for (const row of rows) {
          const id = opts.rowId(row);
          const list = byId.get(id);
          if (list) list.push(row);
          else byId.set(id, [row]);
        }
        for (const w of waiters) w.resolve(byId.get(w.id) ?? []);
        done(db, state);
      },
      (err: unknown) => {
        if (keys.size === 1) for (const w of waiters) w.reject(err);
        // One request's key must not fail the others' reads (an id out of range, say): each key runs again alone,
        // and only the requests of the key that fails get its error.
        else
          for (const [id, key] of keys) {
            const alone = opts.readMany(db, [key]);
            for (const w of waiters) if (w.id === id) alone.then(w.resolve, w.reject);
          }
        done(db, state);
      },
    );
  };
  const done = (db: Executor, state: State<K>) => {
    state.inFlight--;
    if (state.queue.length > 0) flush(db, state);
  };

  return (db, key) => {
    if (db.isTransaction) return opts.readMany(db, [key]);
    let state = states.get(db);
    if (!state) states.set(db, (state = { inFlight: 0, queue: [] }));
    const s = state;
    return new Promise<Row[]>((resolve, reject) => {
      s.queue.push({ id: opts.idOf(key), key, resolve: resolve as (rows: unknown[]) => void, reject });
      if (s.inFlight < max) flush(db, s);
    });
  };
}
