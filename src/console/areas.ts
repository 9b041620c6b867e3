import type { ConsoleArea } from './area.js';
import { documentsArea } from './documents/area.js';
import { newDocumentArea } from './new-document/area.js';
import { recordsArea } from './records/area.js';
import { settingsArea } from './settings/area.js';
import { importsArea } from './imports/area.js';

/** Every area of the console, mounted by `installConsole` in this order. */
export const CONSOLE_AREAS: readonly ConsoleArea[] = [
  documentsArea,
  newDocumentArea,
  recordsArea,
  settingsArea,
  importsArea,
];
