import type { Config } from '../../config.js';
import type { Database } from '../../infra/db/database.js';
import type { TransactionBatcher } from '../../infra/db/transaction-batcher.js';
import type { Services } from '../../server/services.js';

/** What every native route plugin receives: the process's services, and the three most used of them by name. */
export interface RouteDeps {
  db: Database['db'];
  /** Group commit of document writes per account. */
  batcher: TransactionBatcher;
  /** The installation's configuration. */
  config: Config;
  services: Services;
}
