import type { Route } from '../context.js';
import { taxRoutes } from './taxes.routes.js';

/** Every InvoiceXpress route, by resource. */
export function registerIxRoutes(route: Route): void {
  taxRoutes(route);
}
