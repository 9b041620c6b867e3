import type { FastifyInstance } from 'fastify';
import type { Services } from '../server/services.js';
import { CONSOLE_AREAS } from './areas.js';
import { shellMessages } from './shell/messages.js';
import { installShell } from './shell/install-shell.js';
import { rootPage } from './shell/root-page.js';
import './shell/types.js';

/** The web console at /console: the shell (sessions, CSRF, headers, layout, languages) and every area. */
export async function installConsole(app: FastifyInstance, services: Services): Promise<void> {
  await app.register(
    async (scope) => {
      // Pages for people, not API operations: kept out of the native OpenAPI document and its generated client.
      scope.addHook('onRoute', (route) => {
        route.schema = { ...route.schema, hide: true };
      });
      await installShell(scope, services, [shellMessages, ...CONSOLE_AREAS.map((a) => a.messages)]);
      for (const area of CONSOLE_AREAS) await area.routes(scope, services);
    },
    { prefix: '/console' },
  );
  rootPage(app);
}
