import type { Kysely } from 'kysely';
import type { DB } from '../../infra/db/schema.js';

export interface RouteDeps {
  db: Kysely<DB>;
}
