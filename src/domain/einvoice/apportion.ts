import { type Decimal, ZERO, round2, sum } from '../money/decimal.js';

const CENT = 0.01;

/**
 * Rounds exact values to cents so that they add up to `target` exactly: each value is rounded half-up, then the
 * cents still missing (or in excess) go one by one to the values whose rounding moved them most the other way
 * (largest remainder). Every value stays within one cent of its rounding.
 */
export function apportion(values: readonly Decimal[], target: Decimal): Decimal[] {
  const out = values.map(round2);
  let diff = target.minus(sum(out));
  if (diff.isZero() || !values.length) return out;
  const step = diff.gt(0) ? CENT : -CENT;
  // The remainder each rounding left: positive when it rounded down.
  const order = values
    .map((v, i) => ({ i, left: v.minus(out[i]) }))
    .sort((a, b) => (step > 0 ? b.left.comparedTo(a.left) : a.left.comparedTo(b.left)) || a.i - b.i);
  let k = 0;
  while (!diff.isZero()) {
    const { i } = order[k % order.length];
    out[i] = out[i].plus(step);
    diff = diff.minus(step);
    k++;
  }
  return out;
}

export function total(values: readonly Decimal[]): Decimal {
  return values.length ? sum(values) : ZERO;
}
