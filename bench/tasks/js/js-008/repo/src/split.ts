/**
 * Splitting a shared bill: each item is paid by the people who had it, and
 * the tip is shared in proportion to what everyone ate.
 */

import { allocate, formatMoney, type Cents } from "./money.js";

export interface Item {
  description: string;
  price: Cents;
  /** Who shares this item; an empty list means everybody. */
  sharedBy: string[];
}

export interface Bill {
  items: Item[];
  /** Tip as a percentage of the items total, e.g. 10 for 10%. */
  tipPercent: number;
}

export function itemsTotal(bill: Bill): Cents {
  return bill.items.reduce((sum, item) => sum + item.price, 0);
}

/** The tip in cents, rounded to the nearest cent. */
export function tipAmount(bill: Bill): Cents {
  return Math.round((itemsTotal(bill) * bill.tipPercent) / 100);
}

/**
 * What each person owes, in cents, as an object with a key for every name in
 * `people` (0 for someone who had nothing).
 *
 * - Each item's price is split in equal parts between its sharers (everybody
 *   when `sharedBy` is empty) with `allocate`, the sharers taken in the order
 *   they appear in `people`, so the parts add up to the price exactly.
 * - The tip (`tipAmount`) is then split between all of `people` in proportion
 *   to what each owes for items, again with `allocate` in `people` order.
 *
 * Throws an Error when an item names someone who is not in `people`.
 */
export function splitBill(bill: Bill, people: string[]): Record<string, Cents> {
  throw new Error("not implemented");
}

/** 'ana owes 12.30' lines, largest amount first (then by name). */
export function describeShares(shares: Record<string, Cents>): string[] {
  return Object.entries(shares)
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
    .map(([name, cents]) => `${name} owes ${formatMoney(cents)}`);
}
