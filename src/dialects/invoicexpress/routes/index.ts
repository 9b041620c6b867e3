import type { Route } from '../context.js';
import { accountRoutes } from './accounts.routes.js';
import { clientRoutes } from './clients.routes.js';
import { documentRoutes } from './documents.routes.js';
import { emailRoutes } from './email.routes.js';
import { estimateRoutes } from './estimates.routes.js';
import { guideRoutes } from './guides.routes.js';
import { itemRoutes } from './items.routes.js';
import { legacyRoutes } from './legacy.routes.js';
import { paymentRoutes } from './payments.routes.js';
import { pdfRoutes } from './pdf.routes.js';
import { saftRoutes } from './saft.routes.js';
import { sequenceRoutes } from './sequences.routes.js';
import { taxRoutes } from './taxes.routes.js';

/** Every InvoiceXpress route, by resource. */
export function registerIxRoutes(route: Route): void {
  documentRoutes(route);
  estimateRoutes(route);
  guideRoutes(route);
  paymentRoutes(route);
  pdfRoutes(route);
  saftRoutes(route);
  emailRoutes(route);
  clientRoutes(route);
  itemRoutes(route);
  sequenceRoutes(route);
  taxRoutes(route);
  accountRoutes(route);
  legacyRoutes(route);
}
