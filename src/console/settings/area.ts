import type { ConsoleArea } from '../area.js';

/** The console's settings area. */
export const settingsArea: ConsoleArea = {
  name: 'settings',
  async routes() {},
  messages: { pt: {}, en: {} },
};
