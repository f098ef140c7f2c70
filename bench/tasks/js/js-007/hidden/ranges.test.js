import test from "node:test";
import assert from "node:assert/strict";
import { parsePageRanges } from "../src/ranges.js";
import { planJob } from "../src/job.js";

test("single pages and ranges", () => {
  assert.deepEqual(parsePageRanges("1-3, 5, 8-", 10), [1, 2, 3, 5, 8, 9, 10]);
  assert.deepEqual(parsePageRanges("-2", 5), [1, 2]);
  assert.deepEqual(parsePageRanges("4", 4), [4]);
  assert.deepEqual(parsePageRanges("3-3", 4), [3]);
});

test("sorted, unique, spaces and empty parts ignored", () => {
  assert.deepEqual(parsePageRanges(" 7 , 2 - 4 ,, 3, 1 ", 9), [1, 2, 3, 4, 7]);
  assert.deepEqual(parsePageRanges("5-,4-", 6), [4, 5, 6]);
});

test("blank selection means every page", () => {
  assert.deepEqual(parsePageRanges("", 3), [1, 2, 3]);
  assert.deepEqual(parsePageRanges("   ", 2), [1, 2]);
});

test("syntax errors", () => {
  for (const bad of ["a", "1-2-3", "-", "2x", "1;2", "1.5"]) {
    assert.throws(() => parsePageRanges(bad, 10), SyntaxError, bad);
  }
});

test("range errors", () => {
  for (const bad of ["0", "11", "5-3", "9-12", "-11", "0-2"]) {
    assert.throws(() => parsePageRanges(bad, 10), RangeError, bad);
  }
});

test("print job uses the selection", () => {
  assert.deepEqual(planJob({ total: 12, selection: "1-5, 9-", copies: 2, duplex: true }), {
    pages: [1, 2, 3, 4, 5, 9, 10, 11, 12],
    summary: "1-5, 9-12",
    sheets: 10,
  });
  assert.equal(planJob({ total: 7 }).sheets, 7);
});
