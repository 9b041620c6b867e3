import type { FastifyInstance } from 'fastify';
import { chooseLang, translator } from './i18n.js';
import { shellMessages } from './messages.js';

/** `GET /`: a small page pointing to the console and the API documentation (the server had nothing there). */
export function rootPage(app: FastifyInstance): void {
  app.get('/', { schema: { hide: true } }, async (request, reply) => {
    const lang = chooseLang(undefined, request.headers['accept-language']);
    const t = translator(shellMessages[lang]);
    // Only fixed messages go in: nothing from the request is written into the page.
    const html = `<!doctype html>
<html lang="${lang}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t('shell.root.title')}</title><link rel="stylesheet" href="/console/assets/shell.css"></head>
<body><main class="page root-page"><h1>${t('shell.root.title')}</h1><p>${t('shell.root.intro')}</p>
<ul><li><a href="/console">${t('shell.root.console')}</a></li><li><a href="/docs">${t('shell.root.docs')}</a></li></ul>
</main></body></html>`;
    return reply
      .header('content-security-policy', "default-src 'self'; frame-ancestors 'none'")
      .header('x-content-type-options', 'nosniff')
      .type('text/html; charset=utf-8')
      .send(html);
  });
}
