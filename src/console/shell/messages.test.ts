import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CONSOLE_AREAS } from '../areas.js';
import { mergeMessages } from './i18n.js';
import { shellMessages } from './messages.js';
import { missingKeys } from './messages-check.js';
import { CONSOLE_DIR } from './views-dir.js';

const all = [shellMessages, ...CONSOLE_AREAS.map((a) => a.messages)];

function viewFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return name === 'assets' ? [] : viewFiles(p);
    return p.endsWith('.eta') ? [p] : [];
  });
}

test('every area has the same message keys in pt and en, each prefixed with its name', () => {
  assert.deepEqual(missingKeys(all), []);
  for (const area of CONSOLE_AREAS)
    for (const key of Object.keys(area.messages.pt)) assert.ok(key.startsWith(`${area.name}.`), `${area.name}: ${key}`);
});

// A key built at run time (`it.t('documents.status.' + s)`) is not a literal and is not checked here.
test('every literal it.t(…) key of every console view exists in both languages', () => {
  const merged = mergeMessages(all);
  const files = viewFiles(CONSOLE_DIR);
  assert.ok(
    files.some((f) => f.endsWith('layout.eta')),
    'the scan finds the views',
  );
  const missing: string[] = [];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\bit\.t\(\s*(['"])([^'"]+)\1\s*[,)]/g)) {
      const key = m[2];
      for (const lang of ['pt', 'en'] as const)
        if (!(key in merged[lang])) missing.push(`${file.slice(CONSOLE_DIR.length + 1)}: ${lang} ${key}`);
    }
  }
  assert.deepEqual(missing, []);
});
