import { performance } from 'node:perf_hooks';

export interface RunFigures {
  documents: number;
  seconds: number;
  perSecond: number;
  p50ms: number;
  p95ms: number;
  p99ms: number;
  maxMs: number;
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export function figures(latencies: number[], seconds: number): RunFigures {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    documents: latencies.length,
    seconds,
    perSecond: latencies.length / seconds,
    p50ms: percentile(sorted, 50),
    p95ms: percentile(sorted, 95),
    p99ms: percentile(sorted, 99),
    maxMs: sorted[sorted.length - 1],
  };
}

/** Runs `total` requests with `concurrency` workers; each measures its own latency. */
export async function closedLoop(
  total: number,
  concurrency: number,
  one: (i: number) => Promise<void>,
): Promise<RunFigures> {
  const latencies: number[] = [];
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (;;) {
        const i = next++;
        if (i >= total) return;
        const t0 = performance.now();
        await one(i);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  return figures(latencies, (performance.now() - start) / 1000);
}
