import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../infra/db/schema.js';

/** The transaction handle every use case receives explicitly. */
export type Tx = Transaction<DB> | Kysely<DB>;

/** The database handle (not a transaction), for edges that open transactions (jobs, downloads) without the row types. */
export type Db = Kysely<DB>;

/** A transaction opened on the database handle (what `docTx`/group commits hand their work). */
export type DbTransaction = Transaction<DB>;

/** Who is acting, and the instant of the request (use cases read no clock). */
export interface Ctx {
  accountId: number;
  userId: number | null;
  now: Date;
  /**
   * The account's configuration version the request was authenticated against: reads of the account's
   * configuration may come from the process cache while it is current (`accountConfig`).
   */
  configVersion?: string;
  /**
   * Told of each document finalized, with the transaction it was finalized in (the edge counts them for metrics
   * once the request succeeded). A group-commit batch that is rolled back and redone reports its documents again
   * in the new transaction: only the request's last transaction counts.
   */
  issued?: (tx: Tx, docType: string) => void;
}

export async function inTransaction<T>(db: Kysely<DB>, fn: (tx: Transaction<DB>) => Promise<T>): Promise<T> {
  return db.transaction().execute(fn);
}

/**
 * Thrown by a use case called with `readOnly` when it would have to write (e.g. create an inline customer):
 * the caller then runs it again inside its transaction.
 */
export class WritesNeeded extends Error {
  constructor(what: string) {
    super(`${what} needs a write`);
  }
}
