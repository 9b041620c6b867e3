import { resolve } from 'node:path';

/** Runtime configuration, read from the environment once at start. */
export interface Config {
  host: string;
  port: number;
  dataDir: string;
  databaseUrl?: string;
  bootstrapApiKey?: string;
  /** Requests per minute per API key on the native API. */
  rateLimitPerMinute: number;
  dbPoolSize: number;
  logLevel: string;
  /** The URL clients reach this server at, for links (defaults to http://HOST:PORT). */
  publicUrl: string;
  /** Run the background worker (outbox jobs) in this process; WORKER=0 for API-only processes. */
  runWorker: boolean;
}

function int(v: string | undefined, fallback: number, name: string): number {
  if (v === undefined || v === '') return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got ${JSON.stringify(v)}`);
  return n;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const host = env.HOST || '127.0.0.1';
  const port = int(env.PORT, 8080, 'PORT');
  return {
    host,
    port,
    dataDir: resolve(env.DATA_DIR || './data'),
    databaseUrl: env.DATABASE_URL || undefined,
    bootstrapApiKey: env.BOOTSTRAP_API_KEY || undefined,
    rateLimitPerMinute: int(env.RATE_LIMIT_PER_MINUTE, 600, 'RATE_LIMIT_PER_MINUTE'),
    dbPoolSize: int(env.DB_POOL_SIZE, 10, 'DB_POOL_SIZE'),
    logLevel: env.LOG_LEVEL || 'info',
    runWorker: env.WORKER !== '0',
    publicUrl: (env.PUBLIC_URL || `http://${host.includes(':') ? `[${host}]` : host}:${port}`).replace(/\/$/, ''),
  };
}
