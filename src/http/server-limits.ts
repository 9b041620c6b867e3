import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { type Config, DEFAULT_SERVER_LIMITS, type ServerLimits } from '../config.js';

export function serverLimitsOf(config: Config): ServerLimits {
  return config.serverLimits ?? DEFAULT_SERVER_LIMITS;
}

type TimeoutOptions = Pick<FastifyServerOptions, 'requestTimeout' | 'keepAliveTimeout' | 'connectionTimeout'> & {
  http: { requestTimeout: number; headersTimeout: number; connectionsCheckingInterval: number };
};

/**
 * Fastify's options for a port's limits. Fastify turns Node's request timeout off by default, so a client that
 * sends its headers and then a byte now and then held a socket forever. Node checks the request and headers
 * timeouts every `connectionsCheckingInterval` (30 s by default): that interval follows the shorter timeout.
 */
export function serverTimeoutOptions(config: Config): TimeoutOptions {
  const limits = serverLimitsOf(config);
  const headersTimeout = limits.requestTimeoutMs
    ? Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs)
    : limits.headersTimeoutMs;
  const shortest = Math.min(...[limits.requestTimeoutMs, headersTimeout].filter((n) => n > 0));
  return {
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    connectionTimeout: limits.connectionTimeoutMs,
    http: {
      requestTimeout: limits.requestTimeoutMs,
      headersTimeout,
      connectionsCheckingInterval: Number.isFinite(shortest)
        ? Math.max(100, Math.min(30_000, Math.floor(shortest / 4)))
        : 30_000,
    },
  };
}

/** Caps the open connections of a server: Node closes the ones past the cap as they arrive. */
export function capConnections(app: FastifyInstance, config: Config): void {
  const { maxConnections } = serverLimitsOf(config);
  if (maxConnections > 0) app.server.maxConnections = maxConnections;
}
