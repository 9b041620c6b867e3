import { createRequire } from 'node:module';
import type AjvCompiler from '@fastify/ajv-compiler';
import type { SerializerSelector } from '@fastify/fast-json-stringify-compiler';
import type { FastifyServerOptions } from 'fastify';

type BuildValidator = ReturnType<typeof AjvCompiler>;
type BuildSerializer = ReturnType<typeof SerializerSelector>;
type Validate = ((data: unknown, ctx?: unknown) => unknown) & { errors?: unknown; schemaEnv?: unknown };
type Serialize = (data: unknown) => string;

const require = createRequire(import.meta.url);
let validatorPool: BuildValidator | undefined;
let serializerPool: BuildSerializer | undefined;

export interface LazySchemas {
  /** Fastify's `schemaController` option: Fastify's own default compilers, each compiling on first use. */
  schemaController: NonNullable<FastifyServerOptions['schemaController']>;
  /** Compiles every validator and serializer not compiled yet (tests: every route schema must compile): how many. */
  compileAll(): number;
  /** Compiles those not compiled yet of the routes `pick` chooses (the start-up warm-up's hot routes): how many. */
  compileWhere(pick: (route: SchemaRoute) => boolean): number;
}

/** The route a validator or serializer belongs to. */
export interface SchemaRoute {
  method?: string | string[];
  url?: string;
}

/** The lazy compilers of each server built with them, for compileAll in tests. */
export const lazySchemasOf = new WeakMap<object, LazySchemas>();

/**
 * Fastify compiles the validator (Ajv) and the response serializer (fast-json-stringify) of every route schema
 * before `ready`: over 100 routes, about two seconds of CPU at each start. These are Fastify's default compilers
 * (@fastify/ajv-compiler and @fastify/fast-json-stringify-compiler, same options, plugins and shared schemas), each
 * route's compiled on the first request that needs it; Ajv and fast-json-stringify themselves load then.
 *
 * NOTE: compilers given this way count as "custom" to Fastify, which then no longer lower-cases the property names
 * of `headers` schemas: ours are written in lower case, as header names arrive.
 */
export function lazySchemas(): LazySchemas {
  const pending = new Map<() => unknown, SchemaRoute>();
  /** A function standing for `build()`'s until its first call, which builds it. */
  const deferred = <F extends (...args: never[]) => unknown>(
    route: SchemaRoute,
    build: () => F,
    wrap: (get: () => F) => F,
  ): F => {
    let fn: F | undefined;
    const get = () => {
      if (!fn) {
        fn = build();
        pending.delete(get);
      }
      return fn;
    };
    pending.set(get, route);
    return wrap(get);
  };

  const buildValidator = (externalSchemas: unknown, options: unknown) => {
    let compile: ReturnType<BuildValidator> | undefined;
    return (route: Parameters<ReturnType<BuildValidator>>[0]) =>
      deferred<Validate>(
        route,
        () => {
          validatorPool ??= (require('@fastify/ajv-compiler') as typeof AjvCompiler)();
          compile ??= validatorPool(externalSchemas as never, options as never);
          return compile(route) as Validate;
        },
        (get) => {
          // Fastify passes the parent object (so Ajv may coerce a root value) only to a function with schemaEnv, as
          // every Ajv validator has; `errors` is read from the function Fastify holds.
          const lazy: Validate = (data, ctx) => {
            const fn = get();
            const result = ctx !== undefined && fn.schemaEnv ? fn(data, ctx) : fn(data);
            lazy.errors = fn.errors;
            return result;
          };
          lazy.schemaEnv = true;
          return lazy;
        },
      );
  };

  const buildSerializer = (externalSchemas: unknown, options: unknown) => {
    let compile: ReturnType<BuildSerializer> | undefined;
    return (route: Parameters<ReturnType<BuildSerializer>>[0]) =>
      deferred<Serialize>(
        route,
        () => {
          type Module = { SerializerSelector: typeof SerializerSelector };
          const selector = require('@fastify/fast-json-stringify-compiler') as Module;
          serializerPool ??= selector.SerializerSelector();
          compile ??= serializerPool(externalSchemas as never, options as never);
          return compile(route) as Serialize;
        },
        (get) => (data) => get()(data),
      );
  };

  return {
    schemaController: {
      compilersFactory: { buildValidator: buildValidator as never, buildSerializer: buildSerializer as never },
    },
    compileAll: () => {
      const all = [...pending.keys()];
      for (const get of all) get();
      return all.length;
    },
    compileWhere: (pick) => {
      const chosen = [...pending].filter(([, route]) => pick(route));
      for (const [get] of chosen) get();
      return chosen.length;
    },
  };
}
