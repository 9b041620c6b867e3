import type { ConsoleLang, ConsoleMessages } from '../area.js';

export const CONSOLE_LANGS: readonly ConsoleLang[] = ['pt', 'en'];
export const LANG_COOKIE = 'console_lang';

export function isConsoleLang(v: unknown): v is ConsoleLang {
  return v === 'pt' || v === 'en';
}

/**
 * The language of a request: the switch's cookie, else the best of pt/en in Accept-Language (by q), else pt (the
 * invoices are Portuguese).
 */
export function chooseLang(cookie: unknown, acceptLanguage: string | undefined): ConsoleLang {
  if (isConsoleLang(cookie)) return cookie;
  let best: { lang: ConsoleLang; q: number } | undefined;
  for (const part of String(acceptLanguage ?? '')
    .slice(0, 500)
    .split(',')) {
    const [tag, ...params] = part.trim().split(';');
    const base = tag.trim().toLowerCase().split('-')[0];
    if (!isConsoleLang(base)) continue;
    const qp = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qp ? Number(qp.slice(2)) : 1;
    if (!Number.isFinite(q) || q <= 0) continue;
    if (!best || q > best.q) best = { lang: base, q };
  }
  return best?.lang ?? 'pt';
}

/** Every area's messages in one table per language. */
export function mergeMessages(all: readonly ConsoleMessages[]): Record<ConsoleLang, Record<string, string>> {
  const out: Record<ConsoleLang, Record<string, string>> = { pt: {}, en: {} };
  for (const m of all) {
    Object.assign(out.pt, m.pt);
    Object.assign(out.en, m.en);
  }
  return out;
}

/** `t('shell.signedInAs', { name })`: the message with `{var}` replaced; an unknown key shows as itself. */
export function translator(
  table: Record<string, string>,
): (key: string, vars?: Record<string, string | number>) => string {
  return (key, vars) => {
    const text = Object.prototype.hasOwnProperty.call(table, key) ? table[key] : key;
    if (!vars) return text;
    return text.replace(/\{(\w+)\}/g, (m, name: string) =>
      Object.prototype.hasOwnProperty.call(vars, name) ? String(vars[name]) : m,
    );
  };
}
