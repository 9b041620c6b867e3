import { availableParallelism } from 'node:os';
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
  /** DB_PREPARED_STATEMENTS: distinct statements each PostgreSQL connection prepares (0: none, e.g. behind an old PgBouncer). */
  dbPreparedStatements?: number;
  logLevel: string;
  /** The URL clients reach this server at, for links (defaults to http://HOST:PORT). */
  publicUrl: string;
  /** Run the background worker (outbox jobs) in this process; WORKER=0 for API-only processes. */
  runWorker: boolean;
  /**
   * PDF_THREADS: worker threads rendering PDFs off the event loop (default min(2, cores − 1), at least 1); 0 renders
   * on the main thread. Unset in a hand-built config: the main thread.
   */
  pdfThreads?: number;
  /**
   * EINVOICE_THREADS: worker threads checking e-invoices against the Schematron rules (default 1; each holds about
   * 150 MB of parsed rules once used); 0 checks on the main thread. Started on the first validation.
   */
  einvoiceThreads?: number;
  /** PGLITE_THREAD=1: embedded PGlite on a worker thread of its own instead of the main thread (default off). */
  pgliteThread?: boolean;
  /** NODE_ENV=production: no automatic sandbox account, no key printed, /docs off unless DOCS=1. */
  production?: boolean;
  /** Serve the API docs UI at /docs (DOCS; default on, off with NODE_ENV=production). */
  docs?: boolean;
  /** METRICS_TOKEN: serve Prometheus metrics at /metrics on the API port to `Authorization: Bearer <token>`. */
  metricsToken?: string;
  /** METRICS_PORT: serve /metrics without a token on this port of its own (keep it off the public network). */
  metricsPort?: number;
  /** FATURADOR_SECRET_KEY: 32 bytes (64 hex chars or base64) sealing secrets at rest, e.g. AT passwords. */
  secretKey?: string;
  /** AT webservices (series, transport documents, invoices). */
  at?: AtConfig;
  /** The installation's SMTP server (SMTP_*); accounts may override it. */
  smtp?: SmtpConfig;
  /** Outgoing webhooks (WEBHOOK_*). */
  webhooks?: WebhookConfig;
  /** The vendor APIs served besides the native one: each under its prefix, and at the root of its own port if set. */
  dialects: Record<DialectName, DialectConfig>;
  /** Who produced the software, as SAF-T's header names it (SOFTWARE_PRODUCT_ID, SOFTWARE_PRODUCER_NIF). */
  software?: { productId?: string; producerTaxId?: string };
  /** CORS_ORIGINS: browser origins allowed to call the APIs (comma-separated, or *); none by default. */
  corsOrigins?: string[];
  /** Connection limits of every listening port (REQUEST_TIMEOUT_MS, HEADERS_TIMEOUT_MS, … MAX_CONNECTIONS). */
  serverLimits?: ServerLimits;
  /** Failed authentications per minute per client address, in each API, before 429 (AUTH_FAILURES_PER_MINUTE). */
  authFailuresPerMinute?: number;
  /**
   * PEPPOL_SMP_URL: the SMP the installation asks when no account's access point is involved (Billit's public
   * participantInformation); its answers share the participant cache. Unset: such lookups answer from the cache.
   */
  peppolSmpUrl?: string;
  /** PEPPOL_TIMEOUT_MS: each call to an access point or SMP gives up after this (default 30 s). */
  peppolTimeoutMs?: number;
  /** PEPPOL_LOOKUP_CACHE_SECONDS: participant lookups are reused this long (default 3600). */
  peppolLookupCacheSeconds?: number;
}

export type DialectName = 'billpt' | 'invoicexpress' | 'billit' | 'magnifinance';

/** One vendor API's settings (env `<NAME>_PORT`, `<NAME>_RATE_LIMIT_PER_MINUTE`, e.g. BILLPT_PORT). */
export interface DialectConfig {
  /** Also serve the dialect at the root of this port (for clients that can only change the host). */
  port?: number;
  /** Requests per minute, counted the way the vendor counts them (bill.pt: per api_token; InvoiceXpress: per account). */
  rateLimitPerMinute: number;
}

/** The vendors' own published limits: bill.pt 100 requests per minute per key, InvoiceXpress 780 per account. */
export const DIALECT_DEFAULTS: Readonly<Record<DialectName, Readonly<DialectConfig>>> = {
  billpt: { rateLimitPerMinute: 100 },
  invoicexpress: { rateLimitPerMinute: 780 },
  // Billit publishes no limit (its clients throttle themselves at about 50 a minute): the native API's default.
  billit: { rateLimitPerMinute: 780 },
  // MagniFinance publishes no limit either.
  magnifinance: { rateLimitPerMinute: 780 },
};

/** Installation-wide SMTP settings: the default for every account without its own override. */
export interface SmtpConfig {
  host?: string;
  /** Default 587 (465 when secure). */
  port?: number;
  /** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
  secure?: boolean;
  user?: string;
  password?: string;
  /** The From address, `faturas@example.com` or `"Faturador" <faturas@example.com>`. */
  from?: string;
  /** Connection, greeting and socket timeout in ms (default 30000). */
  timeoutMs?: number;
  /** Attempts of an e-mail before it is marked failed (default 16: about 5 hours with the worker's backoff). */
  maxAttempts?: number;
}

/** What a listening port lets a connection hold. */
export interface ServerLimits {
  /** The whole request, headers and body, must arrive within this (a slow body is cut off with 408). */
  requestTimeoutMs: number;
  /** The headers must arrive within this (at most requestTimeoutMs). */
  headersTimeoutMs: number;
  /** An idle keep-alive connection is closed after this. */
  keepAliveTimeoutMs: number;
  /** A socket with no traffic either way for this long is destroyed (0: never). */
  connectionTimeoutMs: number;
  /** Open connections per listening port; the ones past it are closed as they arrive (0: no cap). */
  maxConnections: number;
}

export const DEFAULT_SERVER_LIMITS: ServerLimits = {
  requestTimeoutMs: 60_000,
  headersTimeoutMs: 20_000,
  keepAliveTimeoutMs: 72_000,
  connectionTimeoutMs: 120_000,
  maxConnections: 800,
};

export interface WebhookConfig {
  /** Accept http:// endpoint URLs (default: only outside NODE_ENV=production). */
  allowHttp?: boolean;
  /** Deliver to loopback, private and link-local addresses (default: only outside NODE_ENV=production). */
  allowPrivateNetworks?: boolean;
  /** Per-delivery timeout in ms (default 10000). */
  timeoutMs?: number;
  /** Attempts of a delivery before it is marked failed (default 15: about 6 hours with the worker's backoff). */
  maxAttempts?: number;
}

export type AtEnvironmentName = 'test' | 'production';
export type AtServiceName = 'series' | 'transport' | 'invoices';

/** Installation-wide AT settings; credentials and the test/production switch are per account. */
export interface AtConfig {
  /** AT's authentication-system public key ("Chave Cifra Publica AT"), PEM text. */
  publicKeyPem?: string;
  /** …or the path of a PEM file holding it. */
  publicKeyFile?: string;
  /** The software producer's client TLS certificate signed by AT (PEM files, or a PKCS#12 file). */
  clientCertFile?: string;
  clientKeyFile?: string;
  clientPfxFile?: string;
  clientPassphrase?: string;
  /** Extra CA certificates (PEM file) to trust for AT's servers. */
  caFile?: string;
  /** Endpoint overrides per environment and service (defaults: AT's published addresses). */
  endpoints?: Partial<Record<AtEnvironmentName, Partial<Record<AtServiceName, string>>>>;
  /** Per-call timeout in ms (default 30000). */
  timeoutMs?: number;
}

function secretKey(v: string | undefined): string | undefined {
  if (!v) return undefined;
  const raw = /^[0-9a-f]{64}$/i.test(v) ? Buffer.from(v, 'hex') : Buffer.from(v, 'base64');
  if (raw.length !== 32) throw new Error('FATURADOR_SECRET_KEY must be 32 bytes, as 64 hex characters or base64');
  return v;
}

function atConfig(env: NodeJS.ProcessEnv): AtConfig {
  const endpoints: AtConfig['endpoints'] = {};
  for (const e of ['test', 'production'] as const) {
    for (const s of ['series', 'transport', 'invoices'] as const) {
      const url = env[`FATURADOR_AT_${e.toUpperCase()}_${s.toUpperCase()}_URL`];
      if (url) (endpoints[e] ??= {})[s] = url;
    }
  }
  return {
    publicKeyPem: env.FATURADOR_AT_PUBLIC_KEY || undefined,
    publicKeyFile: env.FATURADOR_AT_PUBLIC_KEY_FILE || undefined,
    clientCertFile: env.FATURADOR_AT_CLIENT_CERT_FILE || undefined,
    clientKeyFile: env.FATURADOR_AT_CLIENT_KEY_FILE || undefined,
    clientPfxFile: env.FATURADOR_AT_CLIENT_PFX_FILE || undefined,
    clientPassphrase: env.FATURADOR_AT_CLIENT_PASSPHRASE || undefined,
    caFile: env.FATURADOR_AT_CA_FILE || undefined,
    endpoints,
    timeoutMs: int(env.FATURADOR_AT_TIMEOUT_MS, 30_000, 'FATURADOR_AT_TIMEOUT_MS'),
  };
}

function flag(v: string | undefined, fallback: boolean, name: string): boolean {
  if (v === undefined || v === '') return fallback;
  if (/^(1|true|yes|on)$/i.test(v)) return true;
  if (/^(0|false|no|off)$/i.test(v)) return false;
  throw new Error(`${name} must be 1 or 0, got ${JSON.stringify(v)}`);
}

function smtpConfig(env: NodeJS.ProcessEnv): SmtpConfig {
  const secure = flag(env.SMTP_SECURE, env.SMTP_PORT === '465', 'SMTP_SECURE');
  return {
    host: env.SMTP_HOST || undefined,
    port: int(env.SMTP_PORT, secure ? 465 : 587, 'SMTP_PORT'),
    secure,
    user: env.SMTP_USER || undefined,
    password: env.SMTP_PASSWORD || undefined,
    from: env.SMTP_FROM || undefined,
    timeoutMs: int(env.SMTP_TIMEOUT_MS, 30_000, 'SMTP_TIMEOUT_MS'),
    maxAttempts: int(env.EMAIL_MAX_ATTEMPTS, 16, 'EMAIL_MAX_ATTEMPTS') || 1,
  };
}

function webhookConfig(env: NodeJS.ProcessEnv): WebhookConfig {
  const production = env.NODE_ENV === 'production';
  return {
    allowHttp: flag(env.WEBHOOK_ALLOW_HTTP, !production, 'WEBHOOK_ALLOW_HTTP'),
    allowPrivateNetworks: flag(env.WEBHOOK_ALLOW_PRIVATE_NETWORKS, !production, 'WEBHOOK_ALLOW_PRIVATE_NETWORKS'),
    timeoutMs: int(env.WEBHOOK_TIMEOUT_MS, 10_000, 'WEBHOOK_TIMEOUT_MS'),
    maxAttempts: int(env.WEBHOOK_MAX_ATTEMPTS, 15, 'WEBHOOK_MAX_ATTEMPTS') || 1,
  };
}

function softwareConfig(env: NodeJS.ProcessEnv): Config['software'] {
  const productId = env.SOFTWARE_PRODUCT_ID?.trim() || undefined;
  const producerTaxId = env.SOFTWARE_PRODUCER_NIF?.trim() || undefined;
  // NOTE: P302 1.15 ProductID is "<product name>/<producer name>"; 1.14 ProductCompanyTaxID the producer's NIF.
  if (productId && !/^[^/]{1,100}\/[^/]{1,100}$/.test(productId))
    throw new Error(`SOFTWARE_PRODUCT_ID must read "<product>/<producer>", got ${JSON.stringify(productId)}`);
  if (producerTaxId && !/^\d{9}$/.test(producerTaxId))
    throw new Error(`SOFTWARE_PRODUCER_NIF must be 9 digits, got ${JSON.stringify(producerTaxId)}`);
  return productId || producerTaxId ? { productId, producerTaxId } : undefined;
}

function int(v: string | undefined, fallback: number, name: string): number {
  if (v === undefined || v === '') return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0)
    throw new Error(`${name} must be a non-negative integer, got ${JSON.stringify(v)}`);
  return n;
}

function serverLimits(env: NodeJS.ProcessEnv): ServerLimits {
  const d = DEFAULT_SERVER_LIMITS;
  return {
    requestTimeoutMs: int(env.REQUEST_TIMEOUT_MS, d.requestTimeoutMs, 'REQUEST_TIMEOUT_MS'),
    headersTimeoutMs: int(env.HEADERS_TIMEOUT_MS, d.headersTimeoutMs, 'HEADERS_TIMEOUT_MS'),
    keepAliveTimeoutMs: int(env.KEEP_ALIVE_TIMEOUT_MS, d.keepAliveTimeoutMs, 'KEEP_ALIVE_TIMEOUT_MS'),
    connectionTimeoutMs: int(env.CONNECTION_TIMEOUT_MS, d.connectionTimeoutMs, 'CONNECTION_TIMEOUT_MS'),
    maxConnections: int(env.MAX_CONNECTIONS, d.maxConnections, 'MAX_CONNECTIONS'),
  };
}

function dialectsConfig(env: NodeJS.ProcessEnv): Config['dialects'] {
  const one = (name: DialectName): DialectConfig => {
    const port = `${name.toUpperCase()}_PORT`;
    const limit = `${name.toUpperCase()}_RATE_LIMIT_PER_MINUTE`;
    return {
      port: env[port] ? int(env[port], 0, port) : undefined,
      rateLimitPerMinute: int(env[limit], DIALECT_DEFAULTS[name].rateLimitPerMinute, limit),
    };
  };
  return {
    billpt: one('billpt'),
    invoicexpress: one('invoicexpress'),
    billit: one('billit'),
    magnifinance: one('magnifinance'),
  };
}

/** The native API's requests per minute per key when RATE_LIMIT_PER_MINUTE is not set. */
export const DEFAULT_RATE_LIMIT_PER_MINUTE = 780;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const host = env.HOST || '127.0.0.1';
  const port = int(env.PORT, 8080, 'PORT');
  return {
    host,
    port,
    dataDir: resolve(env.DATA_DIR || './data'),
    databaseUrl: env.DATABASE_URL || undefined,
    bootstrapApiKey: env.BOOTSTRAP_API_KEY || undefined,
    rateLimitPerMinute: int(env.RATE_LIMIT_PER_MINUTE, DEFAULT_RATE_LIMIT_PER_MINUTE, 'RATE_LIMIT_PER_MINUTE'),
    dbPoolSize: int(env.DB_POOL_SIZE, 10, 'DB_POOL_SIZE'),
    dbPreparedStatements: int(env.DB_PREPARED_STATEMENTS, 128, 'DB_PREPARED_STATEMENTS'),
    logLevel: env.LOG_LEVEL || 'info',
    runWorker: env.WORKER !== '0',
    pdfThreads: int(env.PDF_THREADS, Math.max(1, Math.min(2, availableParallelism() - 1)), 'PDF_THREADS'),
    einvoiceThreads: int(env.EINVOICE_THREADS, 1, 'EINVOICE_THREADS'),
    pgliteThread: flag(env.PGLITE_THREAD, false, 'PGLITE_THREAD'),
    production: env.NODE_ENV === 'production',
    docs: flag(env.DOCS, env.NODE_ENV !== 'production', 'DOCS'),
    metricsToken: env.METRICS_TOKEN || undefined,
    metricsPort: env.METRICS_PORT ? int(env.METRICS_PORT, 0, 'METRICS_PORT') : undefined,
    secretKey: secretKey(env.FATURADOR_SECRET_KEY),
    at: atConfig(env),
    smtp: smtpConfig(env),
    webhooks: webhookConfig(env),
    dialects: dialectsConfig(env),
    software: softwareConfig(env),
    corsOrigins: env.CORS_ORIGINS
      ? env.CORS_ORIGINS.split(',')
          .map((o) => o.trim().replace(/\/$/, ''))
          .filter(Boolean)
      : undefined,
    serverLimits: serverLimits(env),
    authFailuresPerMinute: int(env.AUTH_FAILURES_PER_MINUTE, 30, 'AUTH_FAILURES_PER_MINUTE'),
    peppolSmpUrl: env.PEPPOL_SMP_URL?.trim() || undefined,
    peppolTimeoutMs: int(env.PEPPOL_TIMEOUT_MS, 30_000, 'PEPPOL_TIMEOUT_MS'),
    peppolLookupCacheSeconds: int(env.PEPPOL_LOOKUP_CACHE_SECONDS, 3600, 'PEPPOL_LOOKUP_CACHE_SECONDS'),
    publicUrl: (env.PUBLIC_URL || `http://${host.includes(':') ? `[${host}]` : host}:${port}`).replace(/\/$/, ''),
  };
}
