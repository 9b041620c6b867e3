/**
 * E-invoice validation per document through the worker pool (src/exports/einvoice/validate): XSD (xmllint-wasm)
 * plus EN 16931 and Peppol 2026.5 on the reference Belgian invoice (6 KB) and EN 16931 1.3.16's ubl-tc434-example1
 * (21 KB, EN 16931 only). Figures: the first validation of the process (pool start, rule sets parsed), then
 * BENCH_EINVOICE_DOCS documents one after the other (latency p50/p95, CPU of the whole process per document:
 * the event loop, the validation thread and xmllint's thread) and the same number 4 at a time; the event loop's
 * longest stall meanwhile shows that the rules do not run on it. `node --import tsx bench/einvoice-validate.ts`
 * runs it alone; bench/run.ts prints it as a section (BENCH_EINVOICE_VALIDATE=0 skips it).
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import {
  closeEinvoiceValidation,
  configureEinvoiceValidation,
  validateEinvoice,
} from '../src/exports/einvoice/validate/index.js';
import { hasShared, readShared } from '../test/support/shared.js';
import { nodeCpuMs } from './cpu.js';
import { readFileSync } from 'node:fs';
import { fmt, infoRow, printSection, type Row } from './report.js';

const INPUTS = [
  ['BE Peppol invoice 6 KB', 'specs/eu/examples-be/be-invoice-valid.xml'],
  ['EN 16931 tc434-example1 21 KB', 'specs/eu/en16931-1.3.16/ubl/examples/ubl-tc434-example1.xml'],
] as const;

/** CPU ms of the event loop's thread alone (its task id is the process id), from /proc; undefined elsewhere. */
function loopThreadCpuMs(): number | undefined {
  try {
    const f = readFileSync(`/proc/${process.pid}/task/${process.pid}/stat`, 'utf8')
      .replace(/^.*\) /, '')
      .split(' ');
    return (Number(f[11]) + Number(f[12])) * 10;
  } catch {
    return undefined;
  }
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

export async function benchEinvoiceValidate(
  documents = Number(process.env.BENCH_EINVOICE_DOCS ?? 50),
  threads = Number(process.env.EINVOICE_THREADS ?? 1),
): Promise<Row[]> {
  const rows: Row[] = [];
  if (!INPUTS.every(([, path]) => hasShared(path)))
    return [infoRow('E-invoice validation', 'skipped: needs ../shared/specs/eu (the example invoices)')];
  configureEinvoiceValidation({ threads });
  // The control for the stall figures below: the longest stall of an idle event loop over 2 s on this machine now.
  const idle = monitorEventLoopDelay({ resolution: 5 });
  idle.enable();
  await new Promise((resolve) => setTimeout(resolve, 2000));
  idle.disable();
  rows.push(infoRow("Event loop's longest stall, idle for 2 s (control)", `${fmt(idle.max / 1e6)} ms`));
  try {
    for (const [label, path] of INPUTS) {
      const xml = readShared(path);
      let wall = performance.now();
      let cpu = nodeCpuMs();
      const first = await validateEinvoice(xml);
      if (first.fatal || !first.xsd.valid) throw new Error(`${label}: expected valid, got ${first.fatal} fatal`);
      rows.push(
        infoRow(
          `${label}: first validation of the process (pool start, rules parsed)`,
          `${fmt(performance.now() - wall, 0)} ms wall, ${fmt(nodeCpuMs() - cpu, 0)} ms CPU`,
        ),
      );
      const loop = monitorEventLoopDelay({ resolution: 5 });
      loop.enable();
      const latencies: number[] = [];
      cpu = nodeCpuMs();
      const loopCpu = loopThreadCpuMs();
      wall = performance.now();
      for (let i = 0; i < documents; i++) {
        const t = performance.now();
        await validateEinvoice(xml);
        latencies.push(performance.now() - t);
      }
      const seqCpu = (nodeCpuMs() - cpu) / documents;
      latencies.sort((a, b) => a - b);
      rows.push(
        infoRow(
          `${label}: one at a time, ${documents} docs, latency p50 / p95`,
          `${fmt(quantile(latencies, 0.5))} / ${fmt(quantile(latencies, 0.95))} ms`,
        ),
        infoRow(`${label}: CPU per document (process, all threads)`, `${fmt(seqCpu)} ms`),
        infoRow(
          `${label}: CPU per document on the event loop's thread (/proc)`,
          loopCpu === undefined ? '—' : `${fmt((loopThreadCpuMs()! - loopCpu) / documents)} ms`,
        ),
      );
      cpu = nodeCpuMs();
      wall = performance.now();
      let next = 0;
      await Promise.all(
        Array.from({ length: 4 }, async () => {
          while (next++ < documents) await validateEinvoice(xml);
        }),
      );
      const seconds = (performance.now() - wall) / 1000;
      loop.disable();
      rows.push(
        infoRow(`${label}: 4 at a time, ${threads} thread(s): docs/s`, fmt(documents / seconds)),
        infoRow(`${label}: CPU per document, 4 at a time`, `${fmt((nodeCpuMs() - cpu) / documents)} ms`),
        infoRow(`${label}: event loop's longest stall over both runs`, `${fmt(loop.max / 1e6)} ms`),
      );
    }
  } finally {
    await closeEinvoiceValidation();
  }
  return rows;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  printSection('E-invoice validation through the worker pool', await benchEinvoiceValidate(), [
    'CPU: process.cpuUsage() (every thread of the process); latency and docs/s are wall time on a shared machine.',
  ]);
}
