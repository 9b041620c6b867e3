import { sql } from 'kysely';
import type { Tx } from '../context.js';

/** The cheapest round trip to the database: resolves when it answers, throws when it does not. */
export async function pingDatabase(db: Tx): Promise<void> {
  await sql`select 1`.execute(db);
}
