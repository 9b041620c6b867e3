import type { CopyKind } from '../../domain/pt/legal-marks.js';

/** What a request asks for: `auto` lets the print history decide. */
export type CopyRequest = 'auto' | CopyKind;

/**
 * The copy mark of a print, from what was asked and how many times the document was printed before.
 *
 * NOTE: D8632 §2.2.15 — a re-print keeps the original's content but must say it is not the original.
 * Only the very first print of a document can be the "Original", whatever was asked:
 * - `auto`: the first print is the Original, every later one a "Duplicado";
 * - `original`: honoured on the first print only; asked again later it is a re-print of the original,
 *   so it reads "2.ª via" (a second issue of the original that says it is not the original);
 * - `duplicate` and `reprint` are always honoured: saying "not the original" is never wrong. They count as
 *   prints, so after an explicit duplicate no later print can be the Original any more.
 */
export function chooseCopyKind(requested: CopyRequest, previousPrints: number): CopyKind {
  const first = previousPrints === 0;
  switch (requested) {
    case 'auto':
      return first ? 'original' : 'duplicate';
    case 'original':
      return first ? 'original' : 'reprint';
    default:
      return requested;
  }
}
