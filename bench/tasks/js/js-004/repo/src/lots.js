/** Purchase lots: a quantity bought together at one unit cost (in cents). */

export class Lot {
  constructor(quantity, unitCost, receivedOn) {
    if (!Number.isInteger(quantity) || quantity <= 0) throw new RangeError("lot quantity must be a positive integer");
    if (!Number.isInteger(unitCost) || unitCost < 0) throw new RangeError("unit cost must be whole cents");
    this.quantity = quantity;
    this.unitCost = unitCost;
    this.receivedOn = receivedOn;
  }

  get value() {
    return this.quantity * this.unitCost;
  }
}

/** '12.5' or '12.50' -> 1250 cents. */
export function parseCents(text) {
  const match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(String(text).trim());
  if (!match) throw new Error(`not an amount: ${text}`);
  return Number(match[1]) * 100 + Number((match[2] ?? "0").padEnd(2, "0"));
}

export function formatCents(cents) {
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, "0")}`;
}
