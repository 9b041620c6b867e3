import type { Kysely } from 'kysely';
import type { Config } from '../../config.js';
import type { DB } from '../../infra/db/schema.js';
import type { TransactionBatcher } from '../../infra/db/transaction-batcher.js';

export interface RouteDeps {
  db: Kysely<DB>;
  /** Group commit of document writes per account. */
  batcher: TransactionBatcher;
  /** The installation's configuration. */
  config: Config;
}
