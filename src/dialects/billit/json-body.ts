import { safeJson } from '../../http/kit/body.js';

/**
 * Blanks `// …` and `/* … *\/` comments outside strings (kept the same length, so JSON.parse's positions stay true).
 */
function blankComments(text: string): string {
  const out = text.split('');
  let inString = false;
  for (let i = 0; i < out.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') inString = true;
    else if (ch === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') out[i++] = ' ';
    } else if (ch === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end < 0 ? text.length : end + 2;
      for (; i < stop; i++) if (text[i] !== '\n') out[i] = ' ';
      i--;
    }
  }
  return out.join('');
}

/**
 * A Billit request body. Billit's service reads JSON with Newtonsoft.Json, which skips comments: its own docs' examples
 * carry them (seed 004: `"AddressType": "DeliveryAddress", //The delivery address…`) and clients paste them as is.
 * Strict JSON first; only a body that fails is read again without its comments.
 */
export function parseBillitJson(text: string): unknown {
  try {
    return safeJson(text);
  } catch (err) {
    if (!text.includes('/')) throw err;
    return safeJson(blankComments(text));
  }
}
