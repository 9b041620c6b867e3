import type { PGlite } from '@electric-sql/pglite';
import type { PgliteResult } from './pglite-protocol.js';
import {
  DEFAULT_MAX_NAMED_PER_CONNECTION,
  isNameable,
  isStalePlanError,
  transactionControl,
} from './statement-names.js';

/** PGlite's wire-protocol serializer (`protocol.serialize` of '@electric-sql/pglite'), passed in by the caller. */
export interface ProtocolSerialize {
  parse(opts: { name?: string; text: string; types?: number[] }): Uint8Array;
  describe(opts: { type: 'S' | 'P'; name?: string }): Uint8Array;
  bind(opts: { statement?: string; values?: (string | null)[] }): Uint8Array;
  execute(opts?: { portal?: string; rows?: number }): Uint8Array;
  sync(): Uint8Array;
}

interface Message {
  name: string;
  dataTypeIDs?: number[];
  fields?: ({ name: string; dataTypeID: number } | string | null)[];
  text?: string;
}

interface Statement {
  /** '' for the unnamed statement (prepared again on every call). */
  name: string;
  serializers: (((v: unknown) => string) | undefined)[];
  fields: { name: string; parse: ((v: string, type: number) => unknown) | undefined; type: number }[];
}

const concat = (parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

const affected = (tag: string | undefined): number => {
  const words = (tag ?? '').split(' ');
  if (words[0] === 'INSERT') return Number(words[2]) || 0;
  return ['UPDATE', 'DELETE', 'MERGE', 'COPY'].includes(words[0]) ? Number(words[1]) || 0 : 0;
};

/**
 * Runs statements on a PGlite the way the `pg` pool does on PostgreSQL (statement-names.ts): each data statement
 * is parsed and planned once under a name, then runs as one Bind/Execute/Sync call into PGlite. `PGlite.query`
 * parses, describes and plans the text on every call (six calls into its WebAssembly per statement) and copies its
 * whole parser table for every result. Same rows, types and errors as `PGlite.query`.
 */
export class PreparedPglite {
  closed = false;
  readonly #statements = new Map<string, Statement>();
  #named = 0;
  #generation = 0;
  #inTransaction = false;

  constructor(
    readonly pglite: PGlite,
    private readonly serialize: ProtocolSerialize,
    private readonly maxNamed = DEFAULT_MAX_NAMED_PER_CONNECTION,
  ) {}

  /** Statements prepared under a name so far (for tests). */
  named(): number {
    return this.#named;
  }

  query(sql: string, params: unknown[] = []): Promise<PgliteResult> {
    return this.pglite.runExclusive(async () => {
      const control = transactionControl(sql);
      if (control) this.#inTransaction = control === 'begin';
      try {
        return await this.#run(sql, params);
      } catch (err) {
        if (!isStalePlanError(err) || !this.#statements.get(sql)?.name) throw withQuery(err, sql, params);
        // As on PostgreSQL: the name keeps its old plan, so the text is prepared again under a new one; outside a
        // transaction this call runs again once (inside, the transaction is aborted and its retry runs it).
        this.#statements.delete(sql);
        this.#generation++;
        if (this.#inTransaction) throw withQuery(err, sql, params);
        return await this.#run(sql, params).catch((again: unknown) => {
          throw withQuery(again, sql, params);
        });
      }
    });
  }

  exec(script: string): Promise<PgliteResult[]> {
    return this.pglite.exec(script);
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.pglite.close();
  }

  async #run(sql: string, params: unknown[]): Promise<PgliteResult> {
    const statement = this.#statements.get(sql) ?? (await this.#prepare(sql));
    const values = params.map((v, i) => {
      if (v === null || v === undefined) return null;
      const serialize = statement.serializers[i];
      return serialize ? serialize(v) : String(v);
    });
    // An unnamed statement was parsed by #prepare just before, under the same exclusive hold: a Sync keeps it.
    const { messages } = await this.pglite.execProtocol(
      concat([
        this.serialize.bind({ statement: statement.name, values }),
        this.serialize.execute(),
        this.serialize.sync(),
      ]),
    );
    const rows: Record<string, unknown>[] = [];
    let affectedRows = 0;
    for (const m of messages as Message[]) {
      if (m.name === 'dataRow') {
        const row: Record<string, unknown> = {};
        const fields = statement.fields;
        for (let i = 0; i < fields.length; i++) {
          const raw = m.fields![i] as string | null;
          const f = fields[i];
          row[f.name] = raw === null ? null : f.parse ? f.parse(raw, f.type) : raw;
        }
        rows.push(row);
      } else if (m.name === 'commandComplete') affectedRows += affected(m.text);
    }
    return { rows, affectedRows };
  }

  async #prepare(sql: string): Promise<Statement> {
    const name = this.#named < this.maxNamed && isNameable(sql) ? `p${this.#generation}_${this.#named + 1}` : '';
    const { messages } = await this.pglite.execProtocol(
      concat([
        this.serialize.parse({ name, text: sql }),
        this.serialize.describe({ type: 'S', name }),
        this.serialize.sync(),
      ]),
    );
    const db = this.pglite as unknown as {
      serializers: Record<number, (v: unknown) => string>;
      parsers: Record<number, (v: string, type: number) => unknown>;
    };
    let types: number[] = [];
    let fields: Statement['fields'] = [];
    for (const m of messages as Message[]) {
      if (m.name === 'parameterDescription') types = m.dataTypeIDs ?? [];
      else if (m.name === 'rowDescription')
        fields = (m.fields as { name: string; dataTypeID: number }[]).map((f) => ({
          name: f.name,
          type: f.dataTypeID,
          parse: db.parsers[f.dataTypeID],
        }));
    }
    const statement: Statement = { name, serializers: types.map((t) => db.serializers[t]), fields };
    if (name) {
      this.#named++;
      this.#statements.set(sql, statement);
    }
    return statement;
  }
}

// As PGlite.query does: the error carries the statement and its parameters.
function withQuery(err: unknown, query: string, params: unknown[]): unknown {
  if (err && typeof err === 'object' && 'code' in err) Object.assign(err, { query, params });
  return err;
}
