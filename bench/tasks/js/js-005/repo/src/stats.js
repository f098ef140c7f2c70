/** Small statistics helpers for latency numbers. */

/** Arithmetic mean; NaN for an empty list. */
export function mean(values) {
  if (values.length === 0) return NaN;
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}

/**
 * Nearest-rank percentile of `sorted` (ascending numbers).
 * `q` is a fraction between 0 and 1: 0.5 is the median, 0.95 the 95th percentile.
 */
export function percentile(sorted, q) {
  if (!(q >= 0 && q <= 1)) throw new RangeError(`percentile fraction must be within [0, 1], got ${q}`);
  if (sorted.length === 0) return NaN;
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[rank - 1];
}

export function median(sorted) {
  return percentile(sorted, 0.5);
}

/** Numbers sorted ascending, as a new array. */
export function ascending(values) {
  return [...values].sort((a, b) => a - b);
}

/** Round to `digits` decimals. */
export function round(value, digits = 0) {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
