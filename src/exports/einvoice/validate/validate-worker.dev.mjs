// The validation thread's entry when running from the sources (tests, `npm run dev`): Node 20 does not apply the
// parent's `--import tsx` to worker threads, so the thread registers tsx itself, then loads the TypeScript worker.
// tsc's dist/ and the bundle load validate-worker.js directly (validate-pool.ts chooses).
import { register } from 'tsx/esm/api';

register();
const { default: validate } = await import('./validate-worker.ts');
export default validate;
