import type { Route } from '../context.js';
import { registerAccount } from './account.js';
import { registerMisc } from './misc.js';
import { registerDocuments } from './documents.js';
import { registerFiles } from './files.js';
import { registerOAuth } from './oauth.js';
import { registerOrdersBooking } from './orders-booking.js';
import { registerOrdersCreate } from './orders-create.js';
import { registerOrdersGet } from './orders-get.js';
import { registerOrdersList } from './orders-list.js';
import { registerOrdersPayments } from './orders-payments.js';
import { registerOrdersSend } from './orders-send.js';
import { registerOrdersState } from './orders-state.js';
import { registerParties } from './parties.js';
import { registerProducts } from './products.js';
import { registerWebhooks } from './webhooks.js';
import { registerPeppol } from './peppol.js';

/**
 * Every operation under `/v1` (mounted at `/v1` and `/v1/v1`): one `register…(route)` per file of this folder.
 * Each file adds its own line here.
 */
export function registerV1Routes(route: Route): void {
  registerOrdersCreate(route);
  registerOrdersList(route);
  registerOrdersGet(route);
  registerOrdersState(route);
  registerOrdersPayments(route);
  registerOrdersBooking(route);
  registerOrdersSend(route);
  registerAccount(route);
  registerMisc(route);
  registerParties(route);
  registerProducts(route);
  registerDocuments(route);
  registerFiles(route);
  registerWebhooks(route);
  registerPeppol(route);
}

/** The operations Billit serves beside `/v1` (the OAuth2 endpoints; also mounted under `/v1`). */
export function registerRootRoutes(route: Route): void {
  registerOAuth(route);
}
