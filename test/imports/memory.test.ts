import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Memory stays flat with the number of rows (#19): each measurement runs in a process of its own (memory-child.ts)
// so its RSS is the import's. The file's rows are read and grouped at 5,000 and 50,000 rows (RSS, and the heap still
// referenced), and checked whole as the dry run checks them at 2,000 and 10,000 rows (the heap still referenced:
// checking 25,000 documents takes minutes on a loaded machine, and on PGlite the database's own memory is in this
// RSS; the README has the 50,000-row figures). Full collections are forced (see memory-child.ts): without them the
// peak follows the collector's pace, not what the import holds. Before the file was streamed, reading and grouping
// 50,000 rows alone grew RSS by ≈ 73 MB (PGlite, 2026-12-07).

interface Measure {
  rows: number;
  ms: number;
  growthMb: number;
  heapGrowthMb: number;
  liveGrowthMb: number;
  [k: string]: unknown;
}

// A compiled run (scripts/test.mjs) runs this file as JavaScript: the child is its compiled sibling, without tsx.
const compiled = process.argv[1]?.endsWith('.js') ? join(dirname(process.argv[1]), 'memory-child.js') : null;
const CHILD =
  compiled && existsSync(compiled) ? compiled : fileURLToPath(new URL('./memory-child.ts', import.meta.url));
const LOADER = CHILD.endsWith('.ts') ? ['--import', 'tsx'] : [];

function measure(mode: 'read' | 'check', rows: number): Promise<Measure> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', ...LOADER, CHILD, mode, String(rows)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const last = out.trim().split('\n').pop() ?? '';
      if (code !== 0 || !last.startsWith('{'))
        return reject(new Error(`${mode} ${rows}: exit ${code}\n${out}\n${err}`));
      resolve(JSON.parse(last) as Measure);
    });
  });
}

test('reading and grouping 50,000 rows holds about what 5,000 do', { timeout: 120_000 }, async (t) => {
  const small = await measure('read', 5_000);
  const large = await measure('read', 50_000);
  t.diagnostic(JSON.stringify({ small, large }));
  assert.equal(large.rows, 50_000);
  assert.equal(large.documents, 25_000);
  assert.ok(
    large.liveGrowthMb <= small.liveGrowthMb * 1.5 + 6,
    `held: ${small.liveGrowthMb} → ${large.liveGrowthMb} MB`,
  );
  assert.ok(large.growthMb <= small.growthMb * 1.5 + 12, `RSS: ${small.growthMb} → ${large.growthMb} MB`);
  assert.ok(large.growthMb <= 32, `RSS grew ${large.growthMb} MB for 50,000 rows`);
});

test('checking 10,000 rows (the dry run) holds about what 2,000 do', { timeout: 180_000 }, async (t) => {
  const small = await measure('check', 2_000);
  const large = await measure('check', 10_000);
  t.diagnostic(JSON.stringify({ small, large }));
  assert.deepEqual([large.rows, large.documents, large.errors], [10_000, 5_000, 0]);
  // What stays referenced grows only by the documents' summaries (≈ 0.2 kB each).
  assert.ok(
    large.liveGrowthMb <= small.liveGrowthMb * 1.5 + 6,
    `held: ${small.liveGrowthMb} → ${large.liveGrowthMb} MB`,
  );
  assert.ok(
    large.heapGrowthMb <= small.heapGrowthMb * 1.5 + 12,
    `heap: ${small.heapGrowthMb} → ${large.heapGrowthMb} MB`,
  );
});
