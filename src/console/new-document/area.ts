import type { ConsoleArea } from '../area.js';

/** The console's new-document area. */
export const newDocumentArea: ConsoleArea = {
  name: 'new-document',
  async routes() {},
  messages: { pt: {}, en: {} },
};
