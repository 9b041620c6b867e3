import type { Piscina } from 'piscina';
import { findWorkerFile, startThreadPool } from '../../../infra/threads/thread-pool.js';
import { runSchematronTask, type SchematronOutcome, type SchematronTask } from './schematron-task.js';
import type { WorkerAnswer } from './validate-worker.js';

/**
 * Where the validation thread's module is, from this module's place: beside it from the sources (its tsx bootstrap)
 * and from tsc's dist/, or as the bundle's own entry (scripts/build-bundle.mjs) beside the CLI or above its chunks.
 */
export function validateWorkerFile(from = import.meta.url): string | undefined {
  return findWorkerFile(
    from,
    from.endsWith('.ts')
      ? ['./validate-worker.dev.mjs']
      : ['./validate-worker.js', './einvoice-validate-worker.js', '../einvoice-validate-worker.js'],
  );
}

/**
 * Validates on worker threads: one document takes 60–200 ms of CPU in SaxonJS and about 50 ms in xmllint, which
 * would otherwise stall every request of the process. Each thread keeps its parsed rule sets (about 150 MB with EN 16931
 * and Peppol). With 0 threads, or where none can start (no worker file, a sandbox without threads), runs in-process instead.
 */
export class EinvoiceValidationPool {
  private readonly pool: Piscina | undefined;
  /** True once every thread has loaded its rule sets; false when threads cannot start (then: in-process). */
  readonly ready: Promise<boolean>;
  /** Documents checked on a thread of the pool, and on the main thread (the fallback). */
  readonly counts = { onThreads: 0, inProcess: 0 };

  constructor(
    readonly threads: number,
    private readonly assetsDir: string,
  ) {
    ({ pool: this.pool, ready: this.ready } = startThreadPool(
      threads > 0 ? validateWorkerFile() : undefined,
      threads,
      { warm: true, assetsDir },
      (why) => `E-invoice validation threads could not start (${why}): validating on the main thread.`,
    ));
  }

  async run(task: Omit<SchematronTask, 'assetsDir'>): Promise<SchematronOutcome> {
    const full: SchematronTask = { ...task, assetsDir: this.assetsDir };
    if (!this.pool || !(await this.ready)) {
      this.counts.inProcess++;
      return runSchematronTask(full);
    }
    const answer = (await this.pool.run(full)) as WorkerAnswer;
    if (answer.threadId !== 0) this.counts.onThreads++;
    return answer.outcome;
  }

  async close(): Promise<void> {
    await this.pool?.destroy();
  }
}
