import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** A run of text with its position on the page (PDF points, origin bottom-left). */
export interface TextItem {
  page: number;
  x: number;
  y: number;
  str: string;
}

export async function pdfItems(bytes: Uint8Array): Promise<TextItem[][]> {
  const pdf = await getDocument({
    data: new Uint8Array(bytes),
    useSystemFonts: false,
    isEvalSupported: false,
    verbosity: 0,
  }).promise;
  const pages: TextItem[][] = [];
  for (let i = 1; i <= pdf.numPages; i++) {
    const page = await pdf.getPage(i);
    const content = await page.getTextContent();
    pages.push(
      content.items.flatMap((item) =>
        'str' in item && item.str.trim() !== ''
          ? [{ page: i, x: item.transform[4], y: item.transform[5], str: item.str }]
          : [],
      ),
    );
  }
  await pdf.destroy();
  return pages;
}

/** The text of each page, lines joined by newlines (items on one baseline joined by spaces, left to right). */
export async function pdfPages(bytes: Uint8Array): Promise<string[]> {
  return (await pdfItems(bytes)).map((items) => {
    const lines = new Map<number, TextItem[]>();
    for (const item of items) {
      const y = Math.round(item.y);
      const key = [...lines.keys()].find((k) => Math.abs(k - y) <= 2) ?? y;
      lines.set(key, [...(lines.get(key) ?? []), item]);
    }
    return [...lines.entries()]
      .sort((a, b) => b[0] - a[0])
      .map(([, l]) =>
        l
          .sort((a, b) => a.x - b.x)
          .map((i) => i.str)
          .join(' '),
      )
      .join('\n');
  });
}

/** The first item whose text matches. */
export function findItem(items: TextItem[], re: RegExp): TextItem {
  const found = items.find((i) => re.test(i.str));
  if (!found) throw new Error(`no text matching ${re} in: ${items.map((i) => i.str).join(' | ')}`);
  return found;
}
