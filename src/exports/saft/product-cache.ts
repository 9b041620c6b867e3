import type { Tx } from '../../app/context.js';
import { type SaftProduct, getSaftProducts } from '../../app/saft/get-saft-products.js';

/**
 * Enough for any real catalog (a few MB at most), bounded so that an account with a product per document still
 * exports in flat memory: codes past it are looked up again with the batch that carries them (indexed, see
 * getSaftProducts), which stays linear.
 */
export const DEFAULT_PRODUCT_CACHE = 20_000;

/**
 * The product master data of one export, read once: the Product master file reads every code in scope and keeps
 * it here, so the document batches that follow find their lines' products without another statement.
 */
export class SaftProductCache {
  readonly #known = new Map<string, SaftProduct>();

  constructor(
    private readonly tx: Tx,
    private readonly accountId: number,
    private readonly capacity: number = DEFAULT_PRODUCT_CACHE,
  ) {}

  /** The products of these codes: remembered ones, the others read in one lookup (and remembered while room). */
  async of(codes: Iterable<string>): Promise<Map<string, SaftProduct>> {
    const out = new Map<string, SaftProduct>();
    const missing: string[] = [];
    for (const code of codes) {
      if (out.has(code)) continue;
      const p = this.#known.get(code);
      if (p) out.set(code, p);
      else missing.push(code);
    }
    if (!missing.length) return out;
    const found = await getSaftProducts(this.tx, this.accountId, missing);
    for (const [code, p] of found) {
      out.set(code, p);
      if (this.#known.size < this.capacity) this.#known.set(code, p);
    }
    return out;
  }
}
