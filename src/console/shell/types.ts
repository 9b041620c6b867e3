import type { ApiKeyScope } from '../../domain/api-key-scope.js';
import type { ConsoleLang } from '../area.js';

/** Who is signed in to the console: a user (by password) or an API key's holder. */
export interface ConsoleSession {
  sessionId: number;
  accountId: number;
  userId: number;
  /** The API key the session was signed in with (revoking it ends the session), or null for a password. */
  apiKeyId: number | null;
  /** The user's name or the key's name, shown in the header. */
  name: string;
  scope: ApiKeyScope;
}

/** What every view receives besides its own data (`it.t`, `it.fmt`, `it.csrf`…). */
export interface PageGlobals {
  t(key: string, vars?: Record<string, string | number>): string;
  lang: ConsoleLang;
  fmt: {
    /** "12345.5" → "12 345,50 €" (pt) or "€12,345.50" (en), from the decimal string (no float). */
    money(amount: string | number, currency?: string): string;
    number(value: string | number, digits?: number): string;
    date(value: string | Date): string;
    dateTime(value: string | Date): string;
  };
  /** The CSRF token for forms (`<input type="hidden" name="_csrf" value="<%= it.csrf %>">`) and fetches. */
  csrf: string;
  session?: ConsoleSession;
  /** The request's path, for the current nav item and the language switch's return. */
  path: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    consoleSession?: ConsoleSession;
  }
  interface FastifyReply {
    /**
     * Renders `src/console/<view>.eta` (e.g. `documents/views/list`) in the console layout, with the page globals.
     * `title` is a message key.
     */
    page(view: string, data?: Record<string, unknown>, opts?: { status?: number; title?: string }): FastifyReply;
  }
}
