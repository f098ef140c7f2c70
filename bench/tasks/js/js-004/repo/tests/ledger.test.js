import test from "node:test";
import assert from "node:assert/strict";
import { InsufficientStock, StockLedger } from "../src/ledger.js";

test("receiving adds to stock", () => {
  const ledger = new StockLedger();
  ledger.receive("tea", 10, 200);
  ledger.receive("tea", 5, 300);
  assert.equal(ledger.onHand("tea"), 15);
  assert.equal(ledger.valuation("tea"), 3500);
});

test("consume takes the oldest lots first", () => {
  const ledger = new StockLedger();
  ledger.receive("tea", 10, 200);
  ledger.receive("tea", 10, 300);
  assert.equal(ledger.consume("tea", 15), 10 * 200 + 5 * 300);
  assert.equal(ledger.onHand("tea"), 5);
  assert.equal(ledger.valuation("tea"), 5 * 300);
});

test("cannot take more than is in stock", () => {
  const ledger = new StockLedger();
  ledger.receive("tea", 2, 200);
  assert.throws(() => ledger.consume("tea", 3), InsufficientStock);
});
