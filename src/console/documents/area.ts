import type { ConsoleArea } from '../area.js';
import { actionRoutes } from './actions.routes.js';
import { listRoutes } from './list.routes.js';
import { documentsMessages } from './messages.js';
import { pageRoutes } from './page.routes.js';

/** The console's documents area: the list, the document page and its actions. */
export const documentsArea: ConsoleArea = {
  name: 'documents',
  async routes(app, services) {
    await listRoutes(app, services);
    await pageRoutes(app, services);
    await actionRoutes(app, services);
  },
  messages: documentsMessages,
};
