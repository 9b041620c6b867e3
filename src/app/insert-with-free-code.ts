import { sql } from 'kysely';
import type { Contact, Item } from '../infra/db/schema.js';
import type { Tx } from './context.js';

type Coded = { contacts: Contact; items: Item };

/** Tries before giving up: each retry follows a concurrent transaction that committed the code this one tried. */
const ATTEMPTS = 10;

/**
 * Inserts a contact or item sent without a code. Its code is its id, or, where another record of the account was
 * given that code by hand, the id with the first free suffix (`7-2`, `7-3`…): a create without a code never fails
 * for its code. The id is drawn first so the row goes in once with its code; `ON CONFLICT (account_id, code) DO
 * NOTHING` waits for a concurrent transaction holding the same code and, if it commits, inserts nothing instead of
 * failing, and the next free code is tried (read committed: the next statement sees the committed code).
 */
export async function insertWithFreeCode<T extends keyof Coded>(
  tx: Tx,
  table: T,
  values: Record<string, unknown>,
): Promise<Coded[T]> {
  const drawn = await sql<{ id: number }>`SELECT nextval(pg_get_serial_sequence(${table}, 'id'))::int8 AS id`.execute(
    tx,
  );
  const id = Number(drawn.rows[0].id);
  const columns = Object.keys(values).filter((k) => values[k] !== undefined && k !== 'id' && k !== 'code');
  let code = String(id);
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    // GENERATED ALWAYS identity: the drawn id goes in with OVERRIDING SYSTEM VALUE, a clause the query builder lacks.
    const inserted = await sql<Coded[T]>`INSERT INTO ${sql.table(table)} (id, code, ${sql.join(
      columns.map((c) => sql.ref(c)),
    )}) OVERRIDING SYSTEM VALUE VALUES (${id}, ${code}, ${sql.join(columns.map((c) => values[c]))})
      ON CONFLICT (account_id, code) DO NOTHING RETURNING *`.execute(tx);
    if (inserted.rows[0]) return inserted.rows[0];
    code = await firstFreeCode(tx, table, values.account_id as number, id);
  }
  throw new Error(`No free code for ${table} ${id} after ${ATTEMPTS} attempts.`);
}

/** `id` if no record of the account has it as code, else `id-N` with the smallest free N ≥ 2. */
async function firstFreeCode(tx: Tx, table: keyof Coded, accountId: number, id: number): Promise<string> {
  const taken = await sql<{ code: string }>`SELECT code FROM ${sql.table(table)}
    WHERE account_id = ${accountId} AND (code = ${String(id)} OR code LIKE ${`${id}-%`})`.execute(tx);
  const codes = new Set(taken.rows.map((r) => r.code));
  if (!codes.has(String(id))) return String(id);
  let n = 2;
  while (codes.has(`${id}-${n}`)) n++;
  return `${id}-${n}`;
}
