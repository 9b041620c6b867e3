import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const CONSOLE = new URL('../../src/console/', import.meta.url).pathname;

/**
 * Raw output (`<%~ %>`) only for includes, the layout body, and the views' attribute helpers, which build
 * constant attributes (aria-invalid, aria-describedby, maxlength…) from field names the view itself lists, never
 * from data. A new raw output fails here until it is reviewed and added.
 */
const ALLOWED = [/^include\(/, /^it\.body$/, /^attrs\([^)]*\)$/, /^err\([^)]*\)$/, /^invalid\([^)]*\)$/, /^extra$/];

function views(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? views(join(dir, e.name)) : e.name.endsWith('.eta') ? [join(dir, e.name)] : [],
  );
}

test('every raw output in the console views is an include, the layout body or a reviewed attribute helper', () => {
  const files = views(CONSOLE);
  assert.ok(files.length > 10, `${files.length} views`);
  const unknown: string[] = [];
  for (const file of files)
    for (const m of readFileSync(file, 'utf8').matchAll(/<%~\s*([\s\S]*?)\s*-?%>/g))
      if (!ALLOWED.some((re) => re.test(m[1]))) unknown.push(`${file.slice(CONSOLE.length)}: ${m[1]}`);
  assert.deepEqual(unknown, []);
});
