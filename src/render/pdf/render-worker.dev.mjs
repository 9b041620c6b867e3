// The render thread's entry when running from the sources (tests, `npm run dev`): Node 20 does not apply the
// parent's `--import tsx` to worker threads, so the thread registers tsx itself, then loads the TypeScript worker.
// tsc's dist/ and the bundle load render-worker.js directly (render-pool.ts chooses).
import { register } from 'tsx/esm/api';

register();
const { default: render } = await import('./render-worker.ts');
export default render;
