import { performance } from 'node:perf_hooks';

/**
 * When this process last queued outbox work (in a transaction, so before it commits). A write request wakes the
 * worker only if some work was queued shortly before (`JobWorker.poke`): most writes queue nothing (no AT
 * communication, no webhook endpoint), and a wake-up for nothing costs a claim statement. "Shortly" rather than
 * "since the last wake-up": a job queued before a claim started may commit after it, and its request's wake-up
 * must still run. Work queued by another process, or committed later than that, is found by the worker's poll.
 */
let lastWrite = Number.NEGATIVE_INFINITY;

export function noteOutboxWrite(): void {
  lastWrite = performance.now();
}

export function outboxWrittenWithin(ms: number): boolean {
  return performance.now() - lastWrite <= ms;
}
