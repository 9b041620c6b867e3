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
  const pending = new Set<() => unknown>();
  /** A function standing for `build()`'s until its first call, which builds it. */
  const deferred = <F extends (...args: never[]) => unknown>(build: () => F, wrap: (get: () => F) => F): F => {
    let fn: F | undefined;
    const get = () => {
      if (!fn) {
        fn = build();
        pending.delete(get);
      }
      return fn;
    };
    pending.add(get);
    return wrap(get);
  };

  const buildValidator = (externalSchemas: unknown, options: unknown) => {
    let compile: ReturnType<BuildValidator> | undefined;
    return (route: Parameters<ReturnType<BuildValidator>>[0]) =>
      deferred<Validate>(
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
      const all = [...pending];
      for (const get of all) get();
      return all.length;
    },
  };
}
