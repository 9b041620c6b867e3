import multipart from '@fastify/multipart';
import type { ConsoleArea } from '../area.js';
import { importRoutes } from './import.routes.js';
import { indexRoutes } from './index.routes.js';
import { importsMessages } from './messages.js';
import { uploadRoutes } from './upload.routes.js';

/**
 * Bulk invoicing in the console: upload a CSV/XLSX file, see it checked (documents, totals, every error at its row
 * and column; a column mapping when the headers differ), issue it, follow the progress live, download the report.
 */
export const importsArea: ConsoleArea = {
  name: 'imports',
  async routes(app, services) {
    // Multipart only for this area's routes (an encapsulated scope under the shell's hooks).
    await app.register(async (scope) => {
      await scope.register(multipart);
      await indexRoutes(scope, services);
      await uploadRoutes(scope, services);
      await importRoutes(scope, services);
    });
  },
  messages: importsMessages,
};
