import type { AtEnvironment, AtService } from '../../app/at/ports.js';

/**
 * AT's published addresses (portugal.md §8.2, from the manuals and cross-checked clients). Each can be
 * overridden per environment (FATURADOR_AT_<ENV>_<SERVICE>_URL), e.g. to point tests at a fake server.
 */
export const AT_HOST = 'servicos.portaldasfinancas.gov.pt';

export const DEFAULT_ENDPOINTS: Record<AtEnvironment, Record<AtService, string>> = {
  test: {
    series: `https://${AT_HOST}:722/SeriesWSService`,
    transport: `https://${AT_HOST}:701/sgdtws/documentosTransporte`,
    invoices: `https://${AT_HOST}:723/fatcorews/ws/`,
  },
  production: {
    series: `https://${AT_HOST}:422/SeriesWSService`,
    transport: `https://${AT_HOST}:401/sgdtws/documentosTransporte`,
    invoices: `https://${AT_HOST}:423/fatcorews/ws/`,
  },
};

export function resolveEndpoint(
  overrides: Partial<Record<AtEnvironment, Partial<Record<AtService, string>>>> | undefined,
  env: AtEnvironment,
  service: AtService,
): string {
  return overrides?.[env]?.[service] ?? DEFAULT_ENDPOINTS[env][service];
}

/** AT's own servers only accept callers presenting the producer's AT-signed client certificate. */
export function requiresClientCertificate(url: string): boolean {
  const u = new URL(url);
  return u.protocol === 'https:' && u.hostname === AT_HOST;
}
