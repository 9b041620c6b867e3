import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.js';
import type { SandboxBootstrap } from '../app/accounts/ensure-sandbox-account.js';

export function startupBanner(config: Config, address: string, sandbox: SandboxBootstrap): string {
  const lines = [
    `Faturador listening on ${address} (${config.databaseUrl ? 'PostgreSQL' : `embedded PGlite in ${config.dataDir}`})`,
    config.docs === false
      ? `OpenAPI: ${config.publicUrl}/openapi.json`
      : `API docs: ${config.publicUrl}/docs   OpenAPI: ${config.publicUrl}/openapi.json`,
  ];
  if (sandbox.created) lines.push('Created a sandbox account (documents without legal validity).');
  if (sandbox.accountId === null) {
    lines.push(
      'No account yet: create the first with faturador account create --name "…" --tax-id … --email … [--production]',
    );
    return lines.join('\n');
  }
  // BOOTSTRAP_API_KEY is the operator's secret, already known to them: never printed, the curl names the variable.
  const key = config.bootstrapApiKey ? '$BOOTSTRAP_API_KEY' : sandbox.apiKey;
  if (config.bootstrapApiKey) lines.push('API key: the BOOTSTRAP_API_KEY you set (not printed).');
  else if (sandbox.apiKey) lines.push(`API key: ${sandbox.apiKey}`, '(shown once: store it now)');
  if (key) {
    lines.push(
      'Create and finalize an invoice:',
      `curl -s ${config.publicUrl}/v1/documents -H "Authorization: Bearer ${key}" -H 'Content-Type: application/json' -d '{"type":"FT","finalize":true,"customer":{"name":"Cliente Exemplo","taxId":"123456789"},"lines":[{"description":"Consultoria","quantity":"1","unitPrice":"100.00","taxName":"IVA23"}]}'`,
    );
  } else {
    lines.push(`Create an API key with: npx faturador apikey create --account ${sandbox.accountId}`);
  }
  return lines.join('\n');
}

/**
 * The start-up announcement: a log record like every other (JSON on stdout, no secret in it), and the readable
 * banner, with a generated sandbox key when there is one, on stderr, so it never mixes into the JSON stream.
 */
export function announceStart(app: FastifyInstance, config: Config, address: string, sandbox: SandboxBootstrap): void {
  app.log.info(
    {
      address,
      database: config.databaseUrl ? 'postgres' : 'pglite',
      worker: config.runWorker,
      production: !!config.production,
      docs: config.docs !== false,
      sandboxCreated: sandbox.created,
      firstAccountId: sandbox.accountId,
    },
    'Faturador started',
  );
  process.stderr.write(`${startupBanner(config, address, sandbox)}\n`);
}
