import test from "node:test";
import assert from "node:assert/strict";
import { chargedWeight, quote, quoteAll } from "../src/rates.js";

test("charged weight uses real or volumetric weight, in half kilos", () => {
  assert.equal(chargedWeight({ weight: 1.2 }), 1.5);
  assert.equal(chargedWeight({ weight: 300, unit: "g" }), 0.5);
  assert.equal(chargedWeight({ weight: 4, unit: "lb" }), 2);
  assert.equal(chargedWeight({ weight: 1, dimensions: { length: 50, width: 40, height: 30 } }), 12);
});

test("quotes by zone with options", () => {
  assert.deepEqual(quote({ weight: 2.2, country: "fr" }), { zone: "domestic", kg: 2.5, cents: 960, price: "9.60" });
  assert.deepEqual(quote({ weight: 1, country: "DE", options: ["signature"] }), {
    zone: "europe",
    kg: 1,
    cents: 1700,
    price: "17.00",
  });
  assert.throws(() => quote({ weight: 25, country: "JP" }), /limit/);
});

test("quoteAll sums the parcels", () => {
  const all = quoteAll([
    { weight: 1, country: "FR" },
    { weight: 16, unit: "oz", country: "GB" },
  ]);
  assert.equal(all.cents, 690 + 1890);
  assert.equal(all.price, "25.80");
});
