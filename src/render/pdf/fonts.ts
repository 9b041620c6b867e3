import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** Font names registered on every document. DejaVu Sans covers Portuguese, French and the € sign. */
export const FONT = { regular: 'DejaVu', bold: 'DejaVu-Bold' } as const;
type FontKey = keyof typeof FONT;

const FILES: Record<FontKey, string> = { regular: 'DejaVuSans.ttf', bold: 'DejaVuSans-Bold.ttf' };

const ttfDir = join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');

/** Words shaped per font, shared by all documents; cleared when it grows past this many entries. */
const LAYOUT_CACHE_MAX = 20_000;

function boundedCache(max: number): Record<string, unknown> {
  let map = new Map<string, unknown>();
  return new Proxy(Object.create(null) as Record<string, unknown>, {
    get: (_t, k) => (typeof k === 'string' ? map.get(k) : undefined),
    set: (_t, k, v) => {
      if (typeof k === 'string') {
        if (map.size >= max) map = new Map();
        map.set(k, v);
      }
      return true;
    },
  });
}

/**
 * Per process: the parsed font objects, the shaped words and the decoded glyphs. Parsing a TrueType font takes
 * ~50 ms, shaping (OpenType lookups) and glyph decoding most of the rest of a render; all of them depend only on
 * the font and the text. pdfkit accepts a parsed font as a source and keeps shaped words in `layoutCache`; the
 * subsetter decodes each glyph it embeds (only to find composite glyphs), so decoded glyphs are kept too. Each
 * document still builds its own subset, so the output is the same as without the caches: the determinism test
 * renders both ways and compares the bytes.
 */
const files = new Map<FontKey, Buffer>();
const parsed = new Map<FontKey, object>();
const layouts = new Map<FontKey, Record<string, unknown>>();

interface GlyphLike {
  _decode?: () => unknown;
}

interface ParsedFontLike {
  layout?: unknown;
  getGlyph?: (id: number, codePoints?: number[]) => GlyphLike;
}

interface EmbeddedFontLike {
  font?: ParsedFontLike;
  layoutCache?: Record<string, unknown>;
}

interface FontHost {
  registerFont(name: string, src: unknown): unknown;
  font(name: string): unknown;
}

const MEMO = Symbol('faturador.memoized');

/** Glyph outlines never change: decode each once per process. */
function memoizeGlyphDecoding(font: ParsedFontLike): void {
  const getGlyph = font.getGlyph?.bind(font);
  if (!getGlyph) return;
  font.getGlyph = (id, codePoints) => {
    const glyph = getGlyph(id, codePoints) as GlyphLike & { [MEMO]?: true };
    if (glyph && typeof glyph._decode === 'function' && !glyph[MEMO]) {
      const decode = glyph._decode.bind(glyph);
      let decoded: unknown;
      let done = false;
      glyph._decode = () => {
        if (!done) {
          decoded = decode();
          done = true;
        }
        return decoded;
      };
      glyph[MEMO] = true;
    }
    return glyph;
  };
}

/** Registers the fonts on a document; `caches: false` parses them afresh and shares nothing (for tests). */
export function registerFonts(doc: FontHost, opts: { caches?: boolean } = {}): void {
  const caches = opts.caches !== false;
  for (const key of Object.keys(FONT) as FontKey[]) {
    let src: Buffer | object | undefined = caches ? parsed.get(key) : undefined;
    if (!src) {
      src = files.get(key) ?? readFileSync(join(ttfDir, FILES[key]));
      files.set(key, src as Buffer);
    }
    doc.registerFont(FONT[key], src);
    doc.font(FONT[key]);
    if (!caches) continue;
    const embedded = (doc as unknown as { _font?: EmbeddedFontLike })._font;
    if (!parsed.has(key) && embedded?.font && typeof embedded.font.layout === 'function') {
      memoizeGlyphDecoding(embedded.font);
      parsed.set(key, embedded.font);
    }
    if (embedded?.layoutCache) {
      let shared = layouts.get(key);
      if (!shared) layouts.set(key, (shared = boundedCache(LAYOUT_CACHE_MAX)));
      embedded.layoutCache = shared;
    }
  }
}
