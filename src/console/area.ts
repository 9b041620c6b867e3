import type { FastifyInstance } from 'fastify';
import type { Services } from '../server/services.js';

/** A console language: chosen from Accept-Language, then from the switch (a cookie). */
export type ConsoleLang = 'pt' | 'en';

/** One area's messages, the same keys in both languages (`documents.list.title`: 'Documentos' / 'Documents'). */
export interface ConsoleMessages {
  pt: Record<string, string>;
  en: Record<string, string>;
}

/**
 * One part of the console (documents, the new-document form, customers/items/series/stores, settings, imports):
 * its routes, registered under `/console` behind the session and CSRF hooks of `./shell`, and its messages.
 * Its views are `src/console/<name>/views/*.eta`, rendered with `reply.page('<name>/views/<view>', data)`.
 */
export interface ConsoleArea {
  name: string;
  routes(app: FastifyInstance, services: Services): Promise<void>;
  messages: ConsoleMessages;
}
