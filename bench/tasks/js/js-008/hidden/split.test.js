import test from "node:test";
import assert from "node:assert/strict";
import { describeShares, splitBill } from "../dist/split.js";

const people = ["ana", "bo", "cy"];

test("shared items split equally, leftover cents to the earliest sharers", () => {
  const bill = {
    items: [
      { description: "pizza", price: 1000, sharedBy: [] },
      { description: "wine", price: 2501, sharedBy: ["cy", "ana"] },
    ],
    tipPercent: 0,
  };
  assert.deepEqual(splitBill(bill, people), { ana: 334 + 1251, bo: 333, cy: 333 + 1250 });
});

test("tip shared in proportion to what each owes", () => {
  const bill = {
    items: [
      { description: "steak", price: 3000, sharedBy: ["ana"] },
      { description: "salad", price: 1000, sharedBy: ["bo"] },
    ],
    tipPercent: 10,
  };
  assert.deepEqual(splitBill(bill, people), { ana: 3300, bo: 1100, cy: 0 });
});

test("tip remainders and totals add up", () => {
  const bill = {
    items: [
      { description: "menu", price: 1999, sharedBy: [] },
      { description: "dessert", price: 650, sharedBy: ["bo"] },
      { description: "coffee", price: 250, sharedBy: ["cy", "bo"] },
    ],
    tipPercent: 12.5,
  };
  const shares = splitBill(bill, people);
  // items: ana 667, bo 666+650+125=1441, cy 666+125=791 -> 2899; tip 362.375 -> 362
  // tip shares exact: 83.28.., 179.94.., 98.77.. -> floor 83, 179, 98 (360) + 2 cents to bo then cy
  assert.deepEqual(shares, { ana: 667 + 83, bo: 1441 + 180, cy: 791 + 99 });
  assert.equal(shares.ana + shares.bo + shares.cy, 2899 + 362);
  assert.deepEqual(describeShares(shares), ["bo owes 16.21", "cy owes 8.90", "ana owes 7.50"]);
});

test("empty bill and unknown people", () => {
  assert.deepEqual(splitBill({ items: [], tipPercent: 15 }, people), { ana: 0, bo: 0, cy: 0 });
  assert.throws(() =>
    splitBill({ items: [{ description: "x", price: 100, sharedBy: ["dan"] }], tipPercent: 0 }, people),
  );
});
