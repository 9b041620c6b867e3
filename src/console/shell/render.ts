import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Eta } from 'eta';
import type { ConsoleLang } from '../area.js';
import { formatters } from './format.js';
import { chooseLang, LANG_COOKIE, translator } from './i18n.js';
import type { PageGlobals } from './types.js';
import { CONSOLE_DIR } from './views-dir.js';
import { isHttps } from './cookies.js';

export const LAYOUT_VIEW = 'shell/views/layout';

/** The console's message tables (every area's, merged), set once by `installShell`. */
export interface Renderer {
  eta: Eta;
  messages: Record<ConsoleLang, Record<string, string>>;
}

export function createRenderer(messages: Record<ConsoleLang, Record<string, string>>): Renderer {
  // Templates are read once in production; in development an edited view shows at the next request.
  const eta = new Eta({ views: CONSOLE_DIR, cache: process.env.NODE_ENV === 'production', autoEscape: true });
  return { eta, messages };
}

export function requestLang(request: FastifyRequest): ConsoleLang {
  return chooseLang(request.cookies?.[LANG_COOKIE], request.headers['accept-language']);
}

/** The CSRF token of the page (creates the browser's CSRF secret cookie on its first page). */
function csrfToken(request: FastifyRequest, reply: FastifyReply): string {
  return reply.generateCsrf({ secure: isHttps(request) });
}

export function pageGlobals(renderer: Renderer, request: FastifyRequest, reply: FastifyReply): PageGlobals {
  const lang = requestLang(request);
  return {
    t: translator(renderer.messages[lang]),
    lang,
    fmt: formatters(lang),
    csrf: csrfToken(request, reply),
    session: request.consoleSession,
    path: request.url.split('?')[0],
  };
}

/** Renders a view inside the layout and sends it (no caching: pages show an account's data). */
export function renderPage(
  renderer: Renderer,
  request: FastifyRequest,
  reply: FastifyReply,
  view: string,
  data: Record<string, unknown> = {},
  opts: { status?: number; title?: string } = {},
): FastifyReply {
  const globals = pageGlobals(renderer, request, reply);
  const body = renderer.eta.render(view, { ...data, ...globals });
  const html = renderer.eta.render(LAYOUT_VIEW, {
    ...globals,
    title: globals.t(opts.title ?? 'shell.app'),
    body,
    sandbox: request.principal?.sandbox ?? false,
  });
  return reply
    .status(opts.status ?? 200)
    .header('cache-control', 'no-store')
    .type('text/html; charset=utf-8')
    .send(html);
}

/** `reply.page(view, data, {status, title})` on the console's scope. */
export function decoratePage(app: FastifyInstance, renderer: Renderer): void {
  app.decorateReply(
    'page',
    function page(
      this: FastifyReply,
      view: string,
      data?: Record<string, unknown>,
      opts?: { status?: number; title?: string },
    ) {
      return renderPage(renderer, this.request, this, view, data, opts);
    },
  );
}
