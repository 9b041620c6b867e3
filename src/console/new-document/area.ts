import type { ConsoleArea } from '../area.js';
import { formRoutes } from './form.routes.js';
import { lookupRoutes } from './lookup.routes.js';
import { newDocumentMessages } from './messages.js';

/** The console's new-document area: the form (new, or a draft to edit), its totals as you type, its autocomplete. */
export const newDocumentArea: ConsoleArea = {
  name: 'new-document',
  async routes(app, services) {
    await formRoutes(app, services);
    await lookupRoutes(app, services);
  },
  messages: newDocumentMessages,
};
