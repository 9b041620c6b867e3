import type {
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from 'kysely';
import type { Tx } from '../../app/context.js';

/**
 * Hands each query's rows over in an array of their own and empties the driver's. The pg driver's result object
 * outlives its query (something of the driver's in V8's old generation still reaches it until the next full
 * collection), and with it every row it holds, promoted to the old generation where they wait for a late full
 * collection as RSS growth. pg alone, 100,000 rows 250 a page: 195 MB promoted, 4 MB with the rows array emptied;
 * the export at 100,000 documents (pages of 50): 442 MB promoted, 80 MB with this plugin (--trace-gc-nvp).
 * Emptied, the rows die young with the page that read them. Same rows, same order: only who holds them changes.
 */
class ReleasedRowsPlugin implements KyselyPlugin {
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    const rows = args.result.rows;
    if (!rows.length) return args.result;
    const own = rows.slice();
    rows.length = 0;
    return { ...args.result, rows: own };
  }
}

const plugin = new ReleasedRowsPlugin();

/** The same transaction, its results' rows released by the driver as they are read (see ReleasedRowsPlugin). */
export function releasingRows(tx: Tx): Tx {
  return tx.withPlugin(plugin) as Tx;
}
