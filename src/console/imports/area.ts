import type { ConsoleArea } from '../area.js';

/** The console's imports area. */
export const importsArea: ConsoleArea = {
  name: 'imports',
  async routes() {},
  messages: { pt: {}, en: {} },
};
