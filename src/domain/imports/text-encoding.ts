/** The bytes a UTF-8 byte order mark takes (0 when the file has none). */
export const utf8BomLength = (bytes: Uint8Array): number =>
  bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;

/**
 * The text of an uploaded file: UTF-8 (its byte order mark dropped) when the bytes are valid UTF-8, else Latin-1
 * (Windows-1252), what spreadsheet programs in Portugal save a CSV as by default.
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'windows-1252' } {
  const body = bytes.subarray(utf8BomLength(bytes));
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(body), encoding: 'windows-1252' };
  }
}

/**
 * The field separator of a CSV text: `;` or `,`, whichever its first line (outside quotes) has more of. `complete`
 * says whether the text held the whole first line (a stream reads on until it does).
 */
export function delimiterOf(text: string): { delimiter: ';' | ','; complete: boolean } {
  let semicolons = 0;
  let commas = 0;
  let quoted = false;
  let complete = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) {
      complete = true;
      break;
    } else if (!quoted && ch === ';') semicolons++;
    else if (!quoted && ch === ',') commas++;
  }
  return { delimiter: semicolons > commas ? ';' : ',', complete };
}

/** The field separator of a CSV text: `;` or `,`, whichever its first line (outside quotes) has more of. */
export const detectDelimiter = (text: string): ';' | ',' => delimiterOf(text).delimiter;
