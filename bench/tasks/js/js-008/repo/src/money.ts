/** Money as integer cents, so shares always add up. */

export type Cents = number;

/** '12.3' or '12.30' -> 1230. */
export function parseMoney(text: string): Cents {
  const match = /^(-)?(\d+)(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!match) throw new Error(`not an amount: ${text}`);
  const cents = Number(match[2]) * 100 + Number((match[3] ?? "0").padEnd(2, "0"));
  return match[1] ? -cents : cents;
}

/** 1230 -> '12.30'. */
export function formatMoney(cents: Cents): string {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

/**
 * Split `total` cents in proportion to `weights` so that the shares add up to
 * exactly `total`. Every share is first rounded down; the cents left over go,
 * one each, to the shares with the largest rounded-off fractions (the earlier
 * share wins a tie).
 *
 *   allocate(100, [1, 1, 1]) -> [34, 33, 33]
 *   allocate(10, [3, 1])     -> [8, 2]
 */
export function allocate(total: Cents, weights: number[]): Cents[] {
  if (weights.some((w) => w < 0)) throw new Error("weights must not be negative");
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum === 0) {
    if (total !== 0) throw new Error("cannot allocate money over zero weights");
    return weights.map(() => 0);
  }
  const exact = weights.map((w) => (total * w) / sum);
  const shares = exact.map((x) => Math.floor(x));
  let left = total - shares.reduce((a, b) => a + b, 0);
  const order = exact
    .map((x, i) => ({ i, fraction: x - Math.floor(x) }))
    .sort((a, b) => b.fraction - a.fraction || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    shares[i] += 1;
    left -= 1;
  }
  return shares;
}
