import type { ConsoleArea } from '../area.js';

/** The console's documents area. */
export const documentsArea: ConsoleArea = {
  name: 'documents',
  async routes() {},
  messages: { pt: {}, en: {} },
};
