import closeWithGrace from 'close-with-grace';
import type { FastifyBaseLogger } from 'fastify';
import { closeEinvoiceValidation } from '../exports/einvoice/validate/index.js';
import { closePdfRenderPool } from '../render/pdf/render-pool.js';

/** How long a stop may take (in-flight requests, the job in hand, the database) before the process exits 1. */
const SHUTDOWN_DEADLINE_MS = 10_000;

/**
 * On SIGTERM or SIGINT (or an uncaught error), runs `close` once, then stops the PDF render and e-invoice validation
 * threads, and exits: 0 after a clean stop, 1 after an error or past the deadline. A second signal exits 1 at once.
 */
export function closeOnSignals(log: FastifyBaseLogger, close: () => Promise<void>): void {
  closeWithGrace(
    {
      delay: SHUTDOWN_DEADLINE_MS,
      logger: { error: (msg: unknown) => log.error(msg) },
    },
    async ({ err, signal }) => {
      if (err) log.error({ err }, 'uncaught error: stopping');
      else if (signal) log.debug({ signal }, 'stopping');
      try {
        await close();
      } finally {
        await closePdfRenderPool();
        await closeEinvoiceValidation();
      }
    },
  );
}
