import { threadId } from 'node:worker_threads';
import { RULESETS } from './rulesets.js';
import { loadSef } from './schematron.js';
import { runSchematronTask, type SchematronOutcome, type SchematronTask } from './schematron-task.js';

export interface WorkerAnswer {
  outcome: SchematronOutcome;
  /** The thread that ran it (0: the main thread), for the pool's counts. */
  threadId: number;
}

/**
 * A thread of the validation pool (validate-pool.ts): the document in, its XSD result and findings out. Warming
 * parses the two rule sets nearly every document needs (EN 16931 UBL and Peppol); the others, the schemas and
 * xmllint's WebAssembly are loaded on first use.
 */
export default async function validate(
  task: SchematronTask | { warm: true; assetsDir: string },
): Promise<WorkerAnswer | null> {
  if ('warm' in task) {
    loadSef(task.assetsDir, RULESETS.en16931Ubl);
    loadSef(task.assetsDir, RULESETS.peppol);
    return null;
  }
  return { outcome: await runSchematronTask(task), threadId };
}
