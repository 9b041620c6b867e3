import {
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  PostgresQueryCompiler,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
} from 'kysely';

/**
 * Records the SQL of every statement run through the handle it is plugged into (once it has run: a query embedded
 * in another, as in DECLARE … CURSOR FOR, is transformed but not run on its own).
 */
export class StatementLog implements KyselyPlugin {
  readonly statements: string[] = [];
  readonly #compiler = new PostgresQueryCompiler();
  readonly #pending = new WeakMap<object, string>();
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.#pending.set(args.queryId, this.#compiler.compileQuery(args.node, args.queryId).sql);
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    const statement = this.#pending.get(args.queryId);
    if (statement !== undefined) this.statements.push(statement);
    return args.result;
  }
}
