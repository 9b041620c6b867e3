import type { Piscina } from 'piscina';
import { findWorkerFile, startThreadPool } from '../../infra/threads/thread-pool.js';
import { renderDocumentPdf, type RenderInput } from './render-document.js';
import type { RenderTask } from './render-worker.js';

/**
 * Where the render thread's module is, from this module's place: beside it from the sources (its tsx bootstrap,
 * render-worker.dev.mjs) and from tsc's dist/, or as the bundle's own entry (scripts/build-bundle.mjs) beside the CLI, this code being in the CLI or in
 * one of its chunks.
 */
export function renderWorkerFile(from = import.meta.url): string | undefined {
  return findWorkerFile(
    from,
    from.endsWith('.ts')
      ? ['./render-worker.dev.mjs']
      : ['./render-worker.js', './pdf-render-worker.js', '../pdf-render-worker.js'],
  );
}

/**
 * Renders PDFs on a pool of worker threads, so that a render (about 12 ms of CPU) never blocks the event loop that
 * answers requests. Each thread renders a sample document when it starts (render-worker.ts). Where no thread can
 * start (no worker file, a sandbox without threads), renders in-process instead, as before.
 */
export class PdfRenderPool {
  private readonly pool: Piscina | undefined;
  /** True once every thread has loaded and warmed; false when threads cannot start (then: in-process). */
  readonly ready: Promise<boolean>;

  constructor(readonly threads: number) {
    ({ pool: this.pool, ready: this.ready } = startThreadPool(
      renderWorkerFile(),
      threads,
      { warm: true },
      (why) => `PDF render threads could not start (${why}): rendering on the main thread.`,
    ));
  }

  async render(input: RenderInput): Promise<Buffer> {
    if (!this.pool || !(await this.ready)) return renderDocumentPdf(input);
    const task: RenderTask = { model: input.model, logo: input.logo ?? null };
    const out = (await this.pool.run(task)) as Uint8Array;
    return Buffer.from(out.buffer, out.byteOffset, out.byteLength);
  }

  async close(): Promise<void> {
    await this.pool?.destroy();
  }
}

let active: PdfRenderPool | undefined;

/**
 * Starts the process's render pool (once: a second call returns the running pool); `threads` 0 keeps rendering
 * on the main thread. Called by the composition root; closed by `closePdfRenderPool` at shutdown.
 */
export function startPdfRenderPool(threads: number): PdfRenderPool | undefined {
  if (threads < 1) return active;
  return (active ??= new PdfRenderPool(threads));
}

export async function closePdfRenderPool(): Promise<void> {
  const pool = active;
  active = undefined;
  await pool?.close();
}

/** Renders a document's PDF: on the render pool when one runs, else on this thread. */
export function renderPdf(input: RenderInput): Promise<Buffer> {
  return active ? active.render(input) : renderDocumentPdf(input);
}
