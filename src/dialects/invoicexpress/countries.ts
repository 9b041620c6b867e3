/**
 * InvoiceXpress names countries ("Portugal", "Germany", "Portugal (Madeira)"); the core keeps ISO 3166-1 alpha-2.
 * The names come from ICU (English and Portuguese), so no table is kept here.
 */
const A = 'A'.charCodeAt(0);
const CODES: string[] = [];
for (let i = 0; i < 26; i++) for (let j = 0; j < 26; j++) CODES.push(String.fromCharCode(A + i, A + j));

const normal = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

let byName: Map<string, string> | undefined;
let english: Intl.DisplayNames | undefined;

function names(): Map<string, string> {
  if (byName) return byName;
  byName = new Map();
  for (const locale of ['pt', 'en']) {
    const dn = new Intl.DisplayNames([locale], { type: 'region', fallback: 'none' });
    for (const code of CODES) {
      const name = dn.of(code);
      if (name && name !== code && code !== 'ZZ') byName.set(normal(name), code);
    }
  }
  for (const [name, code] of [
    ['usa', 'US'],
    ['uk', 'GB'],
    ['england', 'GB'],
    ['holland', 'NL'],
    ['czech republic', 'CZ'],
  ] as const)
    byName.set(name, code);
  return byName;
}

/** "Germany", "Alemanha", "DE", "Portugal (Açores)" → ISO code; undefined when unknown ("Germani"). */
export function countryCode(name: string): string | undefined {
  const raw = name.trim();
  if (/^[A-Za-z]{2}$/.test(raw) && CODES.includes(raw.toUpperCase()) && englishName(raw.toUpperCase()) !== undefined)
    return raw.toUpperCase();
  const n = normal(raw);
  // InvoiceXpress lists the autonomous regions apart: "Portugal (Madeira)", "Portugal (Açores)"; they are PT.
  if (/^portugal\b/.test(n)) return 'PT';
  return names().get(n);
}

/** ISO code → the English name InvoiceXpress shows ("Portugal"). */
export function englishName(code: string | null | undefined): string | undefined {
  if (!code) return undefined;
  english ??= new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
  try {
    const n = english.of(code.toUpperCase());
    return n && n !== code.toUpperCase() && code.toUpperCase() !== 'ZZ' ? n : undefined;
  } catch {
    return undefined;
  }
}
