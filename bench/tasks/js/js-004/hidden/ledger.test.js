import test from "node:test";
import assert from "node:assert/strict";
import { InsufficientStock, StockLedger } from "../src/ledger.js";

test("fifo cost across several lots", () => {
  const ledger = new StockLedger();
  ledger.receive("tea", 10, 200);
  ledger.receive("tea", 10, 300);
  ledger.receive("tea", 10, 400);
  assert.equal(ledger.consume("tea", 15), 10 * 200 + 5 * 300);
  assert.equal(ledger.consume("tea", 10), 5 * 300 + 5 * 400);
  assert.equal(ledger.onHand("tea"), 5);
  assert.equal(ledger.valuation("tea"), 5 * 400);
  assert.deepEqual(ledger.costOfGoodsSold(), { tea: "70.00" });
});

test("exact lot boundaries and other skus", () => {
  const ledger = new StockLedger();
  ledger.receive("mug", 3, 450);
  ledger.receive("mug", 2, 500);
  ledger.receive("pot", 1, 2500);
  assert.equal(ledger.consume("mug", 3), 1350);
  assert.equal(ledger.consume("mug", 1), 500);
  assert.equal(ledger.valuation(), 500 + 2500);
  assert.throws(() => ledger.consume("mug", 2), InsufficientStock);
  assert.equal(ledger.onHand("mug"), 1);
});
