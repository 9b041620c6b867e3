import { safeJson } from '../../../http/kit/body.js';

const NUMBER = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/**
 * Every number literal outside strings written as a string of its own digits (`12.195` → `"12.195"`), so a decimal
 * reaches the core exactly as the client wrote it (JSON.parse would round it to a binary float first). MagniFinance's
 * fields are text over SOAP anyway, and the operations read numbers from text.
 */
function quoteNumbers(text: string): string {
  let out = '';
  let from = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') inString = true;
    else if (ch === '-' || (ch >= '0' && ch <= '9')) {
      NUMBER.lastIndex = i;
      const m = NUMBER.exec(text);
      if (!m) continue;
      out += `${text.slice(from, i)}"${m[0]}"`;
      i += m[0].length - 1;
      from = i + 1;
    }
  }
  return out + text.slice(from);
}

/** A MagniFinance REST body: JSON without prototype keys, its numbers kept as their text. Throws when malformed. */
export function parseMfJson(text: string): unknown {
  return safeJson(quoteNumbers(text));
}
