import { readShared } from '../support/shared.js';

export const SEED = ['seeds', '001_d4134c6b23563ba7.txt'] as const;

export interface SeedExample {
  method: string;
  /** The path as the seed writes it, after `api/1.0/` (e.g. `tipos/ID`), or `/documentos/download/...`. */
  path: string;
  /** The example response, when the seed gives one (undefined for `#Response status 204` and the PDF). */
  response?: unknown;
  status204: boolean;
}

/** The text of the first balanced JSON value starting at `from` (strings and escapes respected). */
function balanced(text: string, from: number): string | undefined {
  const open = text[from];
  const close = open === '{' ? '}' : ']';
  let depth = 0;
  let inString = false;
  for (let i = from; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') inString = true;
    else if (ch === '{' || ch === '[') depth++;
    else if (ch === '}' || ch === ']') {
      depth--;
      if (depth === 0) return ch === close ? text.slice(from, i + 1) : undefined;
    }
  }
  return undefined;
}

/** Every request of seed 001 with its example response, in the order of the seed. */
export function seedExamples(): SeedExample[] {
  const lines = readShared(...SEED).split('\n');
  const starts: { line: number; method: string; path: string }[] = [];
  lines.forEach((l, i) => {
    const m = /^\s*(GET|POST|PATCH|DELETE) (?:api\/1\.0\/)?(\S+)\s*$/.exec(l);
    if (m) starts.push({ line: i, method: m[1], path: m[2] });
  });
  return starts.map((s, k) => {
    const section = lines.slice(s.line + 1, k + 1 < starts.length ? starts[k + 1].line : lines.length);
    const jsonLine = section.findIndex((l) => /^\s*[[{]/.test(l));
    const status204 =
      section.some((l) => /#Response status 204/.test(l)) &&
      (jsonLine < 0 || section.findIndex((l) => /#Response status 204/.test(l)) < jsonLine);
    let response: unknown;
    if (jsonLine >= 0 && !status204) {
      const text = section.slice(jsonLine).join('\n');
      const start = text.search(/[[{]/);
      const raw = balanced(text, start);
      if (raw) response = JSON.parse(raw);
    }
    return { method: s.method, path: s.path, response, status204 };
  });
}
