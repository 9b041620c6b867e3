// Builds the server in-process on an in-memory PGlite and returns its OpenAPI documents (native and dialects).
import { register } from 'tsx/esm/api';

register();

/** { native, billpt, invoicexpress, billit }: the documents the server answers at /openapi.json and /<dialect>/openapi.json. */
export async function openapiDocuments() {
  const { openDatabase } = await import('../src/infra/db/database.ts');
  const { DIALECT_DEFAULTS } = await import('../src/config.ts');
  const { buildServer } = await import('../src/server/build-server.ts');
  const { buildServices } = await import('../src/server/build-services.ts');
  const { Metrics } = await import('../src/infra/metrics/metrics.ts');
  const database = await openDatabase({});
  const config = {
    host: '127.0.0.1',
    port: 8080,
    dataDir: '',
    rateLimitPerMinute: 600,
    dbPoolSize: 1,
    logLevel: 'silent',
    publicUrl: 'http://127.0.0.1:8080',
    runWorker: false,
    dialects: { ...DIALECT_DEFAULTS },
  };
  const app = await buildServer(buildServices(config, database, new Metrics()), { logger: false });
  try {
    await app.ready();
    const out = {};
    for (const [name, url] of [
      ['native', '/openapi.json'],
      ['billpt', '/billpt/openapi.json'],
      ['invoicexpress', '/invoicexpress/openapi.json'],
      ['billit', '/billit/openapi.json'],
    ]) {
      const res = await app.inject({ method: 'GET', url });
      // A document that does not build is a failure, not a document fewer to lint.
      if (res.statusCode !== 200) throw new Error(`${url} answered ${res.statusCode}: ${res.body.slice(0, 500)}`);
      out[name] = res.json();
    }
    return out;
  } finally {
    await app.close();
    await database.close();
  }
}
