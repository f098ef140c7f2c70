/**
 * A stock ledger valued first-in, first-out: goods leave in the order they
 * arrived, so the cost of what is sold comes from the oldest lots.
 */

import { Lot, formatCents } from "./lots.js";

export class InsufficientStock extends Error {
  constructor(sku, wanted, available) {
    super(`cannot take ${wanted} of ${sku}: only ${available} in stock`);
    this.name = "InsufficientStock";
    this.sku = sku;
    this.wanted = wanted;
    this.available = available;
  }
}

export class StockLedger {
  constructor() {
    /** sku -> lots, oldest first */
    this.lots = new Map();
    this.moves = [];
  }

  /** Record goods arriving: `quantity` units at `unitCost` cents each. */
  receive(sku, quantity, unitCost, receivedOn = null) {
    const lot = new Lot(quantity, unitCost, receivedOn);
    if (!this.lots.has(sku)) this.lots.set(sku, []);
    this.lots.get(sku).push(lot);
    this.moves.push({ type: "in", sku, quantity, cost: lot.value });
    return lot;
  }

  onHand(sku) {
    return (this.lots.get(sku) ?? []).reduce((sum, lot) => sum + lot.quantity, 0);
  }

  /**
   * Take `quantity` units out of stock, oldest lots first.
   * Returns the cost of the goods taken, in cents.
   */
  consume(sku, quantity) {
    const available = this.onHand(sku);
    if (quantity > available) throw new InsufficientStock(sku, quantity, available);
    const lots = this.lots.get(sku) ?? [];
    let remaining = quantity;
    let cost = 0;
    while (remaining > 0) {
      const lot = lots[0];
      const take = Math.min(remaining, lot.quantity);
      lot.quantity -= take;
      cost += take * lot.unitCost;
      remaining -= take;
      if (lot.quantity === 0) lots.splice(lots.indexOf(lot), 1);
    }
    this.moves.push({ type: "out", sku, quantity, cost });
    return cost;
  }

  /** Value of what is left of `sku`, or of everything when no sku is given. */
  valuation(sku) {
    const skus = sku === undefined ? [...this.lots.keys()] : [sku];
    let total = 0;
    for (const key of skus) {
      for (const lot of this.lots.get(key) ?? []) total += lot.value;
    }
    return total;
  }

  /** Cost of goods sold so far, per sku, as '12.34' strings. */
  costOfGoodsSold() {
    const totals = {};
    for (const move of this.moves) {
      if (move.type === "out") totals[move.sku] = (totals[move.sku] ?? 0) + move.cost;
    }
    return Object.fromEntries(Object.entries(totals).map(([k, v]) => [k, formatCents(v)]));
  }
}
