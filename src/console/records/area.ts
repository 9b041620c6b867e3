import type { ConsoleArea } from '../area.js';
import { customerRoutes } from './customers.routes.js';
import { itemRoutes } from './items.routes.js';
import { recordsMessages } from './messages.js';
import { seriesRoutes } from './series.routes.js';
import { storeRoutes } from './stores.routes.js';

/** The console's records: customers, items, series (with AT registration) and stores. */
export const recordsArea: ConsoleArea = {
  name: 'records',
  async routes(app, services) {
    await customerRoutes(app, services);
    await itemRoutes(app, services);
    await seriesRoutes(app, services);
    await storeRoutes(app, services);
  },
  messages: recordsMessages,
};
