import test from "node:test";
import assert from "node:assert/strict";
import { complement, formatPageRanges } from "../src/ranges.js";

test("format joins runs", () => {
  assert.equal(formatPageRanges([9, 1, 2, 3, 5, 8]), "1-3, 5, 8-9");
  assert.equal(formatPageRanges([]), "");
});

test("complement", () => {
  assert.deepEqual(complement([1, 3], 4), [2, 4]);
});
