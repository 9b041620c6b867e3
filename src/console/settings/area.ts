import multipart from '@fastify/multipart';
import type { ConsoleArea } from '../area.js';
import { requireScope } from '../shell/require-scope.js';
import { apiKeyRoutes } from './api-keys.routes.js';
import { atRoutes } from './at.routes.js';
import { companyRoutes } from './company.routes.js';
import { settingsMessages } from './messages.js';
import { saftRoutes } from './saft.routes.js';
import { smtpRoutes } from './smtp.routes.js';
import { templateRoutes } from './templates.routes.js';
import { webhookRoutes } from './webhooks.routes.js';

/**
 * The console's settings area: company data and logo, AT, SMTP, e-mail templates, webhooks (/console/settings/…),
 * API keys (/console/api-keys) and the SAF-T export (/console/saft). All of it needs the `admin` scope.
 */
export const settingsArea: ConsoleArea = {
  name: 'settings',
  async routes(app, services) {
    // Its own scope: the admin check and the multipart parser (the logo) apply to these routes only.
    await app.register(async (scope) => {
      scope.addHook('onRequest', async (request) => requireScope(request, 'admin'));
      if (!scope.hasRequestDecorator('isMultipart')) await scope.register(multipart);
      await companyRoutes(scope, services);
      await atRoutes(scope, services);
      await smtpRoutes(scope, services);
      await templateRoutes(scope, services);
      await webhookRoutes(scope, services);
      await apiKeyRoutes(scope, services);
      await saftRoutes(scope, services);
    });
  },
  messages: settingsMessages,
};
