import type { FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import type { ConsoleMessages } from '../area.js';
import type { Services } from '../../server/services.js';
import { installCsrf } from './csrf.js';
import { installErrorPages } from './errors.js';
import { mergeMessages } from './i18n.js';
import { createRenderer, decoratePage } from './render.js';
import { installSessionHook } from './session-hook.js';
import { signInRoutes } from './sign-in.routes.js';
import { ASSETS_DIR } from './views-dir.js';

/**
 * The shell on the console's scope: body and cookie parsing, security headers, sessions, CSRF on every write,
 * static assets, `reply.page`, error pages, and the sign-in routes. Areas' routes registered on the same scope
 * afterwards are behind all of it.
 */
export async function installShell(
  scope: FastifyInstance,
  services: Services,
  messages: readonly ConsoleMessages[],
): Promise<void> {
  await scope.register(formbody, { bodyLimit: 1024 * 1024 });
  await scope.register(cookie);
  await scope.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        baseUri: ["'self'"],
        objectSrc: ["'none'"],
      },
    },
    crossOriginEmbedderPolicy: false,
  });
  await scope.register(fastifyStatic, { root: ASSETS_DIR, prefix: '/assets/', decorateReply: false, index: false });

  const renderer = createRenderer(mergeMessages(messages));
  decoratePage(scope, renderer);
  installErrorPages(scope, renderer);
  installSessionHook(scope, services);
  await installCsrf(scope);
  await signInRoutes(scope, services);
}
