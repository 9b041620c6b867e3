import type { FastifyInstance } from 'fastify';
import { dialectOpenapi } from '../http/kit/openapi.js';
import { nativeSurface } from '../http/v1/index.js';
import { peppolStatusSurface } from '../http/v1/peppol-status.surface.js';
import { billitSurface } from '../dialects/billit/index.js';
import { billitOpenapi } from '../dialects/billit/openapi.js';
import { billptSurface } from '../dialects/billpt/index.js';
import { billptOpenapi } from '../dialects/billpt/openapi.js';
import { invoicexpressSurface } from '../dialects/invoicexpress/index.js';
import { invoicexpressOpenapi } from '../dialects/invoicexpress/openapi.js';
import { magnifinanceSurface } from '../dialects/magnifinance/index.js';
import type { ApiSurface, Services } from './services.js';

/** Every API the server mounts, in order: a new dialect is one more entry (and its key under `config.dialects`). */
export const SURFACES: readonly ApiSurface[] = [
  nativeSurface,
  peppolStatusSurface,
  billptSurface,
  invoicexpressSurface,
  billitSurface,
  magnifinanceSurface,
];

/** The dialects' OpenAPI documents and docs pages (`/billpt/openapi.json`…): registered before the dialects. */
export function installDialectOpenapi(app: FastifyInstance, services: Services): void {
  dialectOpenapi(app, services.config.publicUrl, [billptOpenapi, invoicexpressOpenapi, billitOpenapi]);
}
