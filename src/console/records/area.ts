import type { ConsoleArea } from '../area.js';

/** The console's records area. */
export const recordsArea: ConsoleArea = {
  name: 'records',
  async routes() {},
  messages: { pt: {}, en: {} },
};
