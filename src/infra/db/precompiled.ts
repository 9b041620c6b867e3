import {
  CompiledQuery,
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type Compilable,
  type QueryResult,
  type RawBuilder,
} from 'kysely';
import type { DB } from './schema.js';

/** Compiles without a database (both PGlite and PostgreSQL speak PostgreSQL's SQL). */
const compiler = new Kysely<DB>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new PostgresIntrospector(db),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});

/** Stands for the i-th argument while a query is compiled; replaced by the argument's value when it runs. */
class Slot {
  constructor(readonly index: number) {}
}

type Executor = { executeQuery<R>(query: CompiledQuery<R>): Promise<QueryResult<R>> };

/**
 * A query built and compiled once, then run with new values: building a Kysely query and compiling it costs about
 * as much CPU as its round trip to the database, on every request (the API-key lookup runs on all of them). `build`
 * receives placeholders for the arguments and must use each only as a value (a parameter of the query, never in
 * an `in` list or to choose the query's shape); the shape must not depend on the arguments. The text is the same
 * on every run, so the connection also prepares it once (statement-names.ts).
 */
export function precompiled<A extends unknown[], R>(
  build: (qb: Kysely<DB>, ...args: A) => Compilable<R> | RawBuilder<R>,
): (db: Executor, ...args: A) => Promise<QueryResult<R>> {
  let compiled: { query: CompiledQuery<R>; slots: (number | undefined)[] } | undefined;
  return (db, ...args) => {
    if (!compiled) {
      const built = build(compiler, ...(args.map((_, i) => new Slot(i)) as A));
      // A query builder compiles itself; an `sql` template compiles with the Kysely instance given.
      const query = (built as RawBuilder<R>).compile(compiler) as CompiledQuery<R>;
      const slots = query.parameters.map((p) => (p instanceof Slot ? p.index : undefined));
      if (new Set(slots.filter((s) => s !== undefined)).size !== args.length)
        throw new Error('precompiled: each argument must be a parameter of the query');
      compiled = { query, slots };
    }
    const { query, slots } = compiled;
    const parameters = query.parameters.map((p, i) => (slots[i] === undefined ? p : args[slots[i]]));
    return db.executeQuery(CompiledQuery.raw(query.sql, parameters) as CompiledQuery<R>);
  };
}
