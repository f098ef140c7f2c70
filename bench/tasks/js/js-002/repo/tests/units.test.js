import test from "node:test";
import assert from "node:assert/strict";
import { roundUpTo, toKilograms, formatCents } from "../src/units.js";

test("pounds to kilograms", () => {
  assert.equal(Math.round(toKilograms(10, "lb") * 1000), 4536);
});

test("round up and format", () => {
  assert.equal(roundUpTo(1.2, 0.5), 1.5);
  assert.equal(roundUpTo(1.5, 0.5), 1.5);
  assert.equal(formatCents(1205), "12.05");
});
