import { move } from 'piscina';
import type { PdfModel } from './model.js';
import { renderDocumentPdf } from './render-document.js';
import { WARM_UP_MODEL } from './warm-up-model.js';

/** What the main thread sends: the model and the logo's bytes (plain data, cloned), never a database handle. */
export interface RenderTask {
  model: PdfModel;
  logo: Uint8Array | null;
}

/**
 * A render thread of the PDF pool (render-pool.ts): model and logo in, bytes out, moved to the main thread without
 * a copy. The thread renders a sample document when it loads, so fonts are parsed and the code is warm before the
 * first real document (the pool waits for this before it sends one).
 */
export default async function render(task: RenderTask | { warm: true }): Promise<Uint8Array | null> {
  if ('warm' in task) return null;
  const bytes = await renderDocumentPdf({ model: task.model, logo: task.logo });
  // Buffer.concat may hand out a slice of Node's shared pool: move only a buffer of our own.
  const own = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : new Uint8Array(bytes);
  return move(own) as Uint8Array;
}

await renderDocumentPdf({ model: WARM_UP_MODEL, logo: null });
