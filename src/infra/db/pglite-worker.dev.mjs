// PGlite's thread entry when running from the sources (tests, `npm run dev`): Node 20 does not apply the parent's
// `--import tsx` to worker threads, so the thread registers tsx itself, then loads the TypeScript worker.
// tsc's dist/ and the bundle load pglite-worker.js directly (pglite-thread.ts chooses).
import { register } from 'tsx/esm/api';

register();
await import('./pglite-worker.ts');
